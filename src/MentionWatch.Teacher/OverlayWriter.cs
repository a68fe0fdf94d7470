using System.Globalization;
using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

/// <summary>Writes labels as a label overlay: the id of each text (<see cref="LabelOverlay.IdOf"/>) and its label, so no text is copied.</summary>
internal static class OverlayWriter
{
    /// <returns>how many rows got each label.</returns>
    public static int[] Write(string path, IReadOnlyList<TsvRow> rows, int[] labelIndices, string[] labels)
    {
        var counts = new int[labels.Length];
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.WriteLine("id\tsentiment");
        foreach (var (id, i) in FirstOfEachId(rows))
        {
            counts[labelIndices[i]]++;
            writer.WriteLine($"{id}\t{labels[labelIndices[i]]}");
        }
        return counts;
    }

    /// <summary>
    /// Writes the class probabilities as soft targets: one row per text and label with its probability as `weight`.
    /// Labels below <paramref name="floor"/> are left out and the rest renormalized, which keeps the file small and
    /// drops only targets too faint to move a weight.
    /// </summary>
    /// <returns>the probability mass each label got.</returns>
    public static double[] WriteSoft(string path, IReadOnlyList<TsvRow> rows, float[][] probabilities, string[] labels, float floor)
    {
        var mass = new double[labels.Length];
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.WriteLine("id\tsentiment\tweight");
        foreach (var (id, i) in FirstOfEachId(rows))
        {
            var p = probabilities[i];
            float kept = p.Where(v => v >= floor).Sum();
            for (int k = 0; k < labels.Length; k++)
            {
                // Rounded to 3 digits, a target still needs at least 0.001 to be a row the trainer accepts.
                var weight = MathF.Round(p[k] / kept, 3);
                if (p[k] < floor || weight <= 0) continue;
                mass[k] += weight;
                writer.WriteLine($"{id}\t{labels[k]}\t{weight.ToString("0.###", CultureInfo.InvariantCulture)}");
            }
        }
        return mass;
    }

    /// <summary>A text that occurs twice has one id; the overlay may name it once, and its first row stands.</summary>
    private static IEnumerable<(string Id, int Row)> FirstOfEachId(IReadOnlyList<TsvRow> rows)
    {
        var seen = new HashSet<string>();
        for (int i = 0; i < rows.Count; i++)
            if (LabelOverlay.IdOf(rows[i].Text) is var id && seen.Add(id)) yield return (id, i);
    }
}
