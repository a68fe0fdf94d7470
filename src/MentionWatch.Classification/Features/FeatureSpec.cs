namespace MentionWatch.Classification.Features;

/// <summary>
/// How posts become hashed features. Stored in every model file; two models can share one featurization
/// only when their specs are equal.
/// </summary>
/// Word-level features (unigrams, bigrams, flags) and character n-grams are two blocks, each scaled to unit
/// length, the character block then multiplied by <see cref="CharWeight"/>: without it the many n-grams drown
/// the few word features (measured: words-only beat words+chars on the small needs-reply sets).
/// <see cref="Handles"/> adds one word feature per @handle naming it, besides the generic &lt;user&gt; token:
/// a post addressed to a brand's support account is the strongest needs-reply cue, and one addressed to a
/// friend is chatter, which the generic token cannot tell apart (measured, 5-fold CV F1 of needs-reply:
/// English 0.854 -> 0.868, Russian +0.02). Sentiment leaves it off: it cost English macro-recall 0.008.
/// Handle features are word features flagged with <see cref="HandleFlag"/>, so in a shared featurization
/// a model without handles skips them and sees exactly the features it was trained on.
internal sealed record FeatureSpec(int HashBits, int CharNgramMin, int CharNgramMax, bool WordBigrams, bool Negation, int NormalizerVersion, float CharWeight = 1f,
    // Left out of the JSON when off, so model files written before handles existed are reproduced byte for byte.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool Handles = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool RussianStems = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool Lexicon = false)
{
    public const int CurrentNormalizerVersion = 1;

    public static FeatureSpec Default { get; } = new(18, 2, 4, true, true, CurrentNormalizerVersion, 1f);

    [System.Text.Json.Serialization.JsonIgnore]
    public int Buckets => 1 << HashBits;

    /// <summary>Feature values of the two blocks for a post with the given counts.</summary>
    public (float Word, float Char) BlockValues(int wordFeatures, int charFeatures) =>
        (wordFeatures == 0 ? 0f : 1f / MathF.Sqrt(wordFeatures), charFeatures == 0 ? 0f : CharWeight / MathF.Sqrt(charFeatures));

    /// <summary>Set on the bucket of a handle feature in encoded lists (buckets use at most 24 bits).</summary>
    public const int HandleFlag = 1 << 30;

    /// <summary>
    /// Encoded feature lists store a character n-gram as the complement of its bucket, a handle feature
    /// as its bucket with <see cref="HandleFlag"/>, any other word feature as its bucket.
    /// </summary>
    public static int Encode(int bucket, FeatureKind kind) =>
        kind == FeatureKind.CharNgram ? ~bucket : kind == FeatureKind.Handle ? bucket | HandleFlag : bucket;

    /// <summary>The bucket of an encoded feature and whether it is a character n-gram; false when this spec does not use it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Decode(int encoded, out int bucket, out bool isChar)
    {
        isChar = encoded < 0;
        bucket = isChar ? ~encoded : encoded & ~HandleFlag;
        return isChar || Handles || (encoded & HandleFlag) == 0;
    }

    /// <summary>How many word and character features of an encoded list this spec uses.</summary>
    public (int Word, int Char) Counts(ReadOnlySpan<int> encoded)
    {
        int chars = 0, skipped = 0;
        foreach (int b in encoded)
        {
            if (b < 0) chars++;
            else if (!Handles && (b & HandleFlag) != 0) skipped++;
        }
        return (encoded.Length - chars - skipped, chars);
    }

    /// <summary>
    /// Why a needs-reply model with <paramref name="needsReply"/> cannot stack on (or be loaded beside) a sentiment model
    /// with this spec, or null when it can: the pair shares one featurization, so everything that decides the buckets must
    /// match; each model weighs the character block and chooses handle features itself.
    /// </summary>
    public string? StackProblem(FeatureSpec needsReply) =>
        this with { CharWeight = 1f } == needsReply with { CharWeight = 1f, Handles = false } ? null
            : $"the needs-reply feature spec {needsReply} differs from the sentiment model's {this}; both must be trained with the same features (hash bits, n-grams, lexicon, stems)";

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
