namespace MentionWatch.Classification.Training;

/// <summary>Reads extra training files, optionally relabelled (e.g. sentiment "negative" as needs-reply "1").</summary>
internal static class ExtraData
{
    /// <param name="map">null to read with the task's labels, or "source=target,..." pairs.</param>
    public static List<LabeledText> Read(IReadOnlyList<string> files, string? map, string[] labels)
    {
        var rows = new List<LabeledText>();
        if (map is null)
        {
            foreach (var f in files) rows.AddRange(TsvReader.Read(f, labels));
            return rows;
        }
        var pairs = map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => p.Length == 2 && Array.IndexOf(labels, p[1]) >= 0
                ? (From: p[0], To: Array.IndexOf(labels, p[1]))
                : throw new ArgumentException($"extra label map entry '{string.Join("=", p)}' must be source=target with a target in {string.Join(", ", labels)}"))
            .ToArray();
        var sourceLabels = pairs.Select(p => p.From).ToArray();
        foreach (var f in files)
            foreach (var r in TsvReader.Read(f, sourceLabels))
                rows.Add(r with { Label = pairs[r.Label].To });
        return rows;
    }
}
