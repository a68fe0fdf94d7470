using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

/// <summary>Writes labels as a label overlay: the id of each text (<see cref="LabelOverlay.IdOf"/>) and its label, so no text is copied.</summary>
internal static class OverlayWriter
{
    /// <returns>how many rows got each label.</returns>
    public static int[] Write(string path, IReadOnlyList<TsvRow> rows, int[] labelIndices, string[] labels)
    {
        var counts = new int[labels.Length];
        var seen = new HashSet<string>();
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.WriteLine("id\tsentiment");
        for (int i = 0; i < rows.Count; i++)
        {
            // A text that occurs twice has one id; the overlay may name it once, and its first row's label stands.
            var id = LabelOverlay.IdOf(rows[i].Text);
            if (!seen.Add(id)) continue;
            counts[labelIndices[i]]++;
            writer.WriteLine($"{id}\t{labels[labelIndices[i]]}");
        }
        return counts;
    }
}
