namespace MentionWatch.Teacher;

internal sealed record TsvRow(string Text, string Label, string Period);

internal static class TsvRows
{
    /// <summary>Reads text, label and (when present) period columns, skipping the header.</summary>
    public static List<TsvRow> Read(string path) =>
        File.ReadLines(path).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cells => cells.Length >= 2)
            .Select(cells => new TsvRow(cells[0], cells[1], cells.Length > 2 ? cells[2] : ""))
            .ToList();
}
