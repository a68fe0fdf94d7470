namespace MentionWatch.Classification.Training;

/// <summary>`--extra-weight`: one value for every extra file, or one per file in the order they were given.</summary>
internal static class ExtraWeights
{
    public static IReadOnlyList<float>? PerFile(IReadOnlyList<float>? weights, int files) => weights switch
    {
        null or { Count: 0 } => null,
        { Count: 1 } => Enumerable.Repeat(weights[0], files).ToArray(),
        _ when weights.Count == files => weights,
        _ => throw new ArgumentException($"{weights.Count} values of --extra-weight for {files} extra files: give one, or one per file"),
    };
}
