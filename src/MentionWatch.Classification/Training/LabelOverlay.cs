using System.Security.Cryptography;
using System.Text;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Labels the team gave to posts of a file that may not be committed (a public corpus under ../shared/data): the
/// overlay holds only an id per post and the label, and the texts are read from the source file at training time.
/// Only the source's rows the overlay names are read, with the overlay's label; the source's own labels are ignored.
/// Used as <c>--train-extra SOURCE.tsv#labels=OVERLAY.tsv</c>.
/// An overlay may add a <c>weight</c> column: then an id may appear once per label, and the post trains once, with the
/// weights as its target distribution q and their sum as its share of the file's loss weight. The trainer draws one
/// label from q at each visit, so in expectation the gradient is the soft-label gradient p − q; one row per post rather
/// than one per (post, label) keeps the row count a third.
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
        var wanted = ReadLabels(overlayPath, labels, out bool soft);
        var rows = new List<LabeledText>();
        var found = new HashSet<string>();
        foreach (var (line, text) in TsvReader.TextRows(sourcePath))
        {
            string id = IdOf(text);
            if (wanted.TryGetValue(id, out var targets) && found.Add(id))
                rows.Add(soft ? SoftRow(text, sourcePath, line, targets, labels.Length) : new LabeledText(text, targets[0].Label, sourcePath, line));
        }
        if (found.Count < wanted.Count)
            throw new DataFormatException($"{overlayPath}: {wanted.Count - found.Count} of its {wanted.Count} ids are not in {sourcePath}; " +
                "the labels were made for another version of that file (check the source named in the overlay's README)");
        return rows;
    }

    private static LabeledText SoftRow(string text, string sourcePath, int line, List<(int Label, float Weight)> targets, int labelCount)
    {
        var q = new float[labelCount];
        foreach (var (label, weight) in targets) q[label] = weight;
        float total = q.Sum();
        for (int k = 0; k < q.Length; k++) q[k] /= total;
        return new LabeledText(text, Array.IndexOf(q, q.Max()), sourcePath, line, Weight: total, Targets: q);
    }

    private static Dictionary<string, List<(int Label, float Weight)>> ReadLabels(string overlayPath, string[] labels, out bool soft)
    {
        var table = TsvReader.Columns(overlayPath, out var columns);
        int idColumn = Array.IndexOf(columns, "id"), labelColumn = TsvReader.LabelColumn(columns, labels), weightColumn = Array.IndexOf(columns, "weight");
        soft = weightColumn >= 0;
        if (idColumn < 0 || labelColumn < 0)
            throw new DataFormatException($"{overlayPath}:1: a label overlay needs 'id' and 'label' (or '{TsvReader.TaskColumn(labels)}') columns, found '{string.Join("', '", columns)}'");
        var wanted = new Dictionary<string, List<(int Label, float Weight)>>();
        foreach (var (line, fields) in table)
        {
            string label = fields.Length > labelColumn ? fields[labelColumn].Trim() : "";
            int index = Array.IndexOf(labels, label);
            if (index < 0) throw new DataFormatException($"{overlayPath}:{line}: unknown label '{label}' (expected one of: {string.Join(", ", labels)})");
            float weight = weightColumn < 0 ? 1f : WeightOf(overlayPath, line, fields.Length > weightColumn ? fields[weightColumn] : "");
            var id = fields[idColumn].Trim();
            if (!wanted.TryGetValue(id, out var targets)) wanted[id] = targets = [];
            else if (weightColumn < 0) throw new DataFormatException($"{overlayPath}:{line}: id '{id}' appears twice (an overlay without a 'weight' column gives each post one label)");
            else if (targets.Any(t => t.Label == index)) throw new DataFormatException($"{overlayPath}:{line}: id '{id}' has label '{label}' twice");
            targets.Add((index, weight));
        }
        if (wanted.Count == 0) throw new DataFormatException($"{overlayPath}: a header but no labels");
        return wanted;
    }

    private static float WeightOf(string overlayPath, int line, string field) =>
        float.TryParse(field.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float weight) && weight is > 0 and <= 1
            ? weight
            : throw new DataFormatException($"{overlayPath}:{line}: weight '{field}' is not a number in (0, 1]");
}
