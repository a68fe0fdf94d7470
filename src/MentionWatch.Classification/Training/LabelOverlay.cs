using System.Security.Cryptography;
using System.Text;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Labels the team gave to posts of a file that may not be committed (a public corpus under ../shared/data): the
/// overlay holds only an id per post and the label, and the texts are read from the source file at training time.
/// Only the source's rows the overlay names are read, with the overlay's label; the source's own labels are ignored.
/// Used as <c>--train-extra SOURCE.tsv#labels=OVERLAY.tsv</c>.
/// </summary>
internal static class LabelOverlay
{
    /// <summary>The key that marks an overlay in an extra file's <c>#key=value</c> suffix.</summary>
    public const string Key = "labels";

    /// <summary>A post's id: the first 16 hex digits of the SHA-256 of its trimmed UTF-8 text (stable under row order).</summary>
    public static string IdOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim())))[..16];

    public static List<LabeledText> Read(string sourcePath, string overlayPath, string[] labels)
    {
        var wanted = ReadLabels(overlayPath, labels);
        var rows = new List<LabeledText>();
        var found = new HashSet<string>();
        foreach (var (line, text) in TsvReader.TextRows(sourcePath))
        {
            string id = IdOf(text);
            if (wanted.TryGetValue(id, out int label) && found.Add(id)) rows.Add(new LabeledText(text, label, sourcePath, line));
        }
        if (found.Count < wanted.Count)
            throw new DataFormatException($"{overlayPath}: {wanted.Count - found.Count} of its {wanted.Count} ids are not in {sourcePath}; " +
                "the labels were made for another version of that file (check the source named in the overlay's README)");
        return rows;
    }

    private static Dictionary<string, int> ReadLabels(string overlayPath, string[] labels)
    {
        var table = TsvReader.Columns(overlayPath, out var columns);
        int idColumn = Array.IndexOf(columns, "id"), labelColumn = TsvReader.LabelColumn(columns, labels);
        if (idColumn < 0 || labelColumn < 0)
            throw new DataFormatException($"{overlayPath}:1: a label overlay needs 'id' and 'label' (or '{TsvReader.TaskColumn(labels)}') columns, found '{string.Join("', '", columns)}'");
        var wanted = new Dictionary<string, int>();
        foreach (var (line, fields) in table)
        {
            string label = fields.Length > labelColumn ? fields[labelColumn].Trim() : "";
            int index = Array.IndexOf(labels, label);
            if (index < 0) throw new DataFormatException($"{overlayPath}:{line}: unknown label '{label}' (expected one of: {string.Join(", ", labels)})");
            if (!wanted.TryAdd(fields[idColumn].Trim(), index)) throw new DataFormatException($"{overlayPath}:{line}: id '{fields[idColumn]}' appears twice");
        }
        if (wanted.Count == 0) throw new DataFormatException($"{overlayPath}: a header but no labels");
        return wanted;
    }
}
