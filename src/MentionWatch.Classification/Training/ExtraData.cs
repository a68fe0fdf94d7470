namespace MentionWatch.Classification.Training;

/// <summary>
/// Reads extra training files, optionally relabelled (e.g. sentiment "negative" as needs-reply "1"). The map
/// may also name <c>news=LABEL</c>: rows that carry a link or start with "RT" then get LABEL whatever their
/// own label says, because a headline or a repost is not the author's own complaint even when its
/// sentiment is negative (measured on the Russian brand tweets: 5-fold needs-reply F1 +0.02).
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
        var rows = ReadUnweighted(files, map, labels, where);
        if (fileWeights is null) return rows;
        var weightOf = files.Select((f, i) => (f, w: fileWeights[i])).ToDictionary(x => x.f, x => x.w);
        return rows.Select(r => r with { Weight = weightOf[r.File] }).ToList();
    }

    private static List<LabeledText> ReadUnweighted(IReadOnlyList<string> files, string? map, string[] labels, string? where)
    {
        var rows = new List<LabeledText>();
        if (map is null)
        {
            foreach (var f in files) rows.AddRange(TsvReader.Read(f, labels, where));
            return rows;
        }
        var pairs = map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => p.Length == 2 && Array.IndexOf(labels, p[1]) >= 0
                ? (From: p[0], To: Array.IndexOf(labels, p[1]))
                : throw new ArgumentException($"extra label map entry '{string.Join("=", p)}' must be source=target with a target in {string.Join(", ", labels)}"))
            .ToArray();
        int? newsLabel = pairs.Where(p => p.From == NewsKey).Select(p => (int?)p.To).FirstOrDefault();
        var labelPairs = pairs.Where(p => p.From != NewsKey).ToArray();
        var sourceLabels = labelPairs.Select(p => p.From).ToArray();
        foreach (var f in files)
        {
            // A file labelled for both tasks already holds this task's labels: the map is for files of the other task.
            if (TsvReader.HasTaskColumn(f, labels))
            {
                rows.AddRange(TsvReader.Read(f, labels, where));
                continue;
            }
            foreach (var r in TsvReader.Read(f, sourceLabels, where))
                rows.Add(r with { Label = newsLabel is { } news && LooksLikeNewsOrRepost(r.Text) ? news : labelPairs[r.Label].To });
        }
        return rows;
    }

    /// <summary>A link anywhere or a leading "RT": what headlines, shared articles and retweets look like.</summary>
    public static bool LooksLikeNewsOrRepost(string text) =>
        text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase) ||
        text.TrimStart().StartsWith("RT ", StringComparison.Ordinal) || text.TrimStart().StartsWith("RT@", StringComparison.Ordinal);
}
