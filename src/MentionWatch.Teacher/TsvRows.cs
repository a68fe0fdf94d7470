using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

internal sealed record TsvRow(string Text, string Label, string Period, string Language = "");

internal static class TsvRows
{
    /// <summary>
    /// Text, label (or sentiment), period and lang columns found by the header, through the trainer's own reader, so the teacher sees the rows
    /// (and texts) the overlay is later read against. Label and period may be missing: transfer texts need only their
    /// text. A row without a text fails naming its line, so a broken file is not half-embedded.
    /// </summary>
    public static List<TsvRow> Read(string path)
    {
        var lines = TsvReader.Columns(path, out var header);
        int text = Array.IndexOf(header, "text"), label = Array.IndexOf(header, "label"), period = Array.IndexOf(header, "period"), language = Array.IndexOf(header, "lang");
        // A file labelled for several tasks (models/train/brand-support.tsv) names its sentiment column.
        if (label < 0) label = Array.IndexOf(header, "sentiment");
        if (text < 0) throw new DataFormatException($"{path}:1: no 'text' column in the header '{string.Join('\t', header)}'");
        return lines.Select(l => l.Fields.Length > text && l.Fields[text].Trim().Length > 0
                ? new TsvRow(l.Fields[text], Cell(l.Fields, label), Cell(l.Fields, period), Cell(l.Fields, language))
                : throw new DataFormatException($"{path}:{l.Line}: the row has no text"))
            .ToList();
    }

    private static string Cell(string[] cells, int column) => column >= 0 && column < cells.Length ? cells[column].Trim() : "";
}
