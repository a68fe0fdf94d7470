using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

/// <summary>The labelled rows of a teacher input as label indices, split into the rows trained on and the held-out period.</summary>
internal sealed record LabelledRows(int[] Labels, int[] TrainAt, int[] HeldAt)
{
    /// <param name="source">the file the rows came from, named in every error.</param>
    public static LabelledRows Of(IReadOnlyList<TsvRow> rows, string source, string[] labels, string? holdoutPeriod)
    {
        var y = rows.Select((r, i) => Array.IndexOf(labels, r.Label) is var k and >= 0 ? k
            : throw new DataFormatException($"{source}: row {i + 1} has label '{r.Label}' (expected {string.Join(", ", labels)})")).ToArray();
        var trainAt = Enumerable.Range(0, rows.Count).Where(i => holdoutPeriod is null || rows[i].Period != holdoutPeriod).ToArray();
        var heldAt = holdoutPeriod is null ? [] : Enumerable.Range(0, rows.Count).Where(i => rows[i].Period == holdoutPeriod).ToArray();
        if (holdoutPeriod is not null && heldAt.Length == 0) throw new ArgumentException($"no row of {source} has period '{holdoutPeriod}'");
        return new LabelledRows(y, trainAt, heldAt);
    }
}
