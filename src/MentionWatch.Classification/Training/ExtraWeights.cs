namespace MentionWatch.Classification.Training;

/// <summary>`--extra-weight` (or `--data-weight`): one value for every file, or one per file in the order they were given.</summary>
internal static class ExtraWeights
{
    public static IReadOnlyList<float>? PerFile(IReadOnlyList<float>? weights, int files, string option = "--extra-weight") => weights switch
    {
        null or { Count: 0 } => null,
        { Count: 1 } => Enumerable.Repeat(weights[0], files).ToArray(),
        _ when weights.Count == files => weights,
        _ => throw new ArgumentException($"{weights.Count} values of {option} for {files} files: give one, or one per file"),
    };
}
