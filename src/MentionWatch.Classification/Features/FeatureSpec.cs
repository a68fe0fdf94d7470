namespace MentionWatch.Classification.Features;

/// <summary>
/// How posts become hashed features. Stored in every model file; two models can share one featurization
/// only when their specs are equal.
/// </summary>
internal sealed record FeatureSpec(int HashBits, int CharNgramMin, int CharNgramMax, bool WordBigrams, bool Negation, int NormalizerVersion)
{
    public const int CurrentNormalizerVersion = 1;

    public static FeatureSpec Default { get; } = new(20, 2, 5, true, true, CurrentNormalizerVersion);

    [System.Text.Json.Serialization.JsonIgnore]
    public int Buckets => 1 << HashBits;

    /// <summary>Every problem with the spec, empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HashBits is < 10 or > 24) problems.Add($"hashBits {HashBits} is outside 10..24");
        if (CharNgramMin < 0 || CharNgramMax > 8 || (CharNgramMax > 0 && CharNgramMin > CharNgramMax))
            problems.Add($"char n-gram range {CharNgramMin}..{CharNgramMax} is invalid (0..8, min <= max)");
        if (NormalizerVersion != CurrentNormalizerVersion)
            problems.Add($"normalizer version {NormalizerVersion} is not supported (this build has {CurrentNormalizerVersion})");
        return problems;
    }
}
