using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

internal sealed record TsvRow(string Text, string Label, string Period);

internal static class TsvRows
{
    /// <summary>
    /// Text, label and period columns found by the header (label and period may be missing: transfer texts need only
    /// their text). A row without a text fails naming its line, so a broken file is not half-embedded.
    /// </summary>
    public static List<TsvRow> Read(string path)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext()) throw new DataFormatException($"{path}: empty file (expected a header with a 'text' column)");
        var header = lines.Current.Split('\t');
        int text = Array.IndexOf(header, "text"), label = Array.IndexOf(header, "label"), period = Array.IndexOf(header, "period");
        if (text < 0) throw new DataFormatException($"{path}:1: no 'text' column in the header '{lines.Current}'");
        var rows = new List<TsvRow>();
        for (int line = 2; lines.MoveNext(); line++)
        {
            var cells = lines.Current.Split('\t');
            if (cells.Length <= text || cells[text].Trim().Length == 0) throw new DataFormatException($"{path}:{line}: the row has no text");
            rows.Add(new TsvRow(cells[text], Cell(cells, label), Cell(cells, period)));
        }
        return rows;
    }

    private static string Cell(string[] cells, int column) => column >= 0 && column < cells.Length ? cells[column].Trim() : "";
}
