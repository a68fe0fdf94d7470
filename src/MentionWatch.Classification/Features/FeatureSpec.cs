namespace MentionWatch.Classification.Features;

/// <summary>
/// How posts become hashed features. Stored in every model file; two models can share one featurization
/// only when their specs are equal.
/// </summary>
/// Word-level features (unigrams, bigrams, flags) and character n-grams are two blocks, each scaled to unit
/// length, the character block then multiplied by <see cref="CharWeight"/>: without it the many n-grams drown
/// the few word features (measured: words-only beat words+chars on the small needs-reply sets).
internal sealed record FeatureSpec(int HashBits, int CharNgramMin, int CharNgramMax, bool WordBigrams, bool Negation, int NormalizerVersion, float CharWeight = 1f)
{
    public const int CurrentNormalizerVersion = 1;

    public static FeatureSpec Default { get; } = new(18, 2, 4, true, true, CurrentNormalizerVersion, 1f);

    [System.Text.Json.Serialization.JsonIgnore]
    public int Buckets => 1 << HashBits;

    /// <summary>Feature values of the two blocks for a post with the given counts.</summary>
    public (float Word, float Char) BlockValues(int wordFeatures, int charFeatures) =>
        (wordFeatures == 0 ? 0f : 1f / MathF.Sqrt(wordFeatures), charFeatures == 0 ? 0f : CharWeight / MathF.Sqrt(charFeatures));

    /// <summary>Encoded feature lists mark character n-grams by storing the complement of the bucket.</summary>
    public static (int Word, int Char) Counts(ReadOnlySpan<int> encoded)
    {
        int chars = 0;
        foreach (int b in encoded) if (b < 0) chars++;
        return (encoded.Length - chars, chars);
    }

    /// <summary>Every problem with the spec, empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HashBits is < 10 or > 24) problems.Add($"hashBits {HashBits} is outside 10..24");
        if (CharNgramMin < 0 || CharNgramMax > 8 || (CharNgramMax > 0 && CharNgramMin > CharNgramMax))
            problems.Add($"char n-gram range {CharNgramMin}..{CharNgramMax} is invalid (0..8, min <= max)");
        if (!(CharWeight >= 0 && CharWeight <= 10)) problems.Add($"char weight {CharWeight} is outside 0..10");
        if (NormalizerVersion != CurrentNormalizerVersion)
            problems.Add($"normalizer version {NormalizerVersion} is not supported (this build has {CurrentNormalizerVersion})");
        return problems;
    }
}
