namespace MentionWatch.Classification.Training;

/// <summary>
/// Reads extra training files, optionally relabelled (e.g. sentiment "negative" as needs-reply "1"). The map
/// may also name <c>news=LABEL</c>: rows that carry a link or start with "RT" then get LABEL whatever their
/// own label says, because a headline or a repost is not the author's own complaint even when its
/// sentiment is negative (measured on the Russian brand tweets: 5-fold needs-reply F1 +0.02).
/// A file name may end in <c>#column=value</c> (e.g. <c>brand-support.tsv#lang=ru</c>): that file is read with its own
/// row filter, so one file's parts can take different weights (the in-domain posts' languages do not want the same one).
/// <c>#labels=OVERLAY.tsv</c> instead reads the rows the team labelled in a file that is not committed (<see cref="LabelOverlay"/>).
/// A file whose labels are already the task's (e.g. complaints.tsv beside a sentiment map) is read as it is.
/// </summary>
internal static class ExtraData
{
    private const string NewsKey = "news";

    /// <param name="map">null to read with the task's labels, or "source=target,..." pairs.</param>
    /// <param name="where">optional "column=value" row filter (e.g. source=twitter for CEDR).</param>
    /// <param name="fileWeights">one loss weight per file (e.g. in-domain rows 0.5, distant-supervision rows 0.1), or null for 1.</param>
    public static List<LabeledText> Read(IReadOnlyList<string> files, string? map, string[] labels, string? where = null, IReadOnlyList<float>? fileWeights = null)
    {
        if (fileWeights is not null && fileWeights.Count != files.Count)
            throw new ArgumentException($"{fileWeights.Count} extra weights for {files.Count} extra files: give one weight, or one per file");
        var rows = new List<LabeledText>();
        for (int i = 0; i < files.Count; i++)
        {
            var (path, fileWhere) = SplitFilter(files[i]);
            var read = OverlayOf(fileWhere) is { } overlay ? LabelOverlay.Read(path, overlay, labels) : ReadOne(path, map, labels, fileWhere ?? where);
            rows.AddRange(fileWeights is null ? read : read.Select(r => r with { Weight = r.Weight * fileWeights[i] }));
        }
        return rows;
    }

    /// <summary>"path#column=value" → (path, "column=value"); anything else is a plain path.</summary>
    public static (string Path, string? Where) SplitFilter(string file)
    {
        int at = file.LastIndexOf('#');
        return at > 0 && file.IndexOf('=', at) > at + 1 ? (file[..at], file[(at + 1)..]) : (file, null);
    }

    /// <summary>The overlay file of a "#labels=FILE" suffix, or null for a row filter or none.</summary>
    private static string? OverlayOf(string? fileWhere) =>
        fileWhere?.StartsWith(LabelOverlay.Key + "=", StringComparison.Ordinal) == true ? fileWhere[(LabelOverlay.Key.Length + 1)..] : null;

    private static List<LabeledText> ReadOne(string f, string? map, string[] labels, string? where)
    {
        var rows = new List<LabeledText>();
        if (map is null) return TsvReader.Read(f, labels, where);
        var pairs = map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => p.Length == 2 && Array.IndexOf(labels, p[1]) >= 0
                ? (From: p[0], To: Array.IndexOf(labels, p[1]))
                : throw new ArgumentException($"extra label map entry '{string.Join("=", p)}' must be source=target with a target in {string.Join(", ", labels)}"))
            .ToArray();
        int? newsLabel = pairs.Where(p => p.From == NewsKey).Select(p => (int?)p.To).FirstOrDefault();
        var labelPairs = pairs.Where(p => p.From != NewsKey).ToArray();
        var sourceLabels = labelPairs.Select(p => p.From).ToArray();
        // A file labelled for both tasks, or one labelled with this task's labels only, needs no relabelling: the
        // map is for files of the other task. A label the map names as a source keeps the map in force.
        var values = TsvReader.HasTaskColumn(f, labels) ? null : TsvReader.LabelValues(f);
        if (values is null || (values.Count > 0 && values.All(v => labels.Contains(v)) && !values.Any(v => sourceLabels.Contains(v))))
            return TsvReader.Read(f, labels, where);
        foreach (var r in TsvReader.Read(f, sourceLabels, where))
            rows.Add(r with { Label = newsLabel is { } news && LooksLikeNewsOrRepost(r.Text) ? news : labelPairs[r.Label].To });
        return rows;
    }

    /// <summary>A link anywhere or a leading "RT": what headlines, shared articles and retweets look like.</summary>
    public static bool LooksLikeNewsOrRepost(string text) =>
        text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase) ||
        text.TrimStart().StartsWith("RT ", StringComparison.Ordinal) || text.TrimStart().StartsWith("RT@", StringComparison.Ordinal);
}
