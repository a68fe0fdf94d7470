using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Features;

/// <summary>Per-thread bucket array sized for the longest post the tokenizer keeps.</summary>
internal static class FeatureBuffers
{
    /// <summary>Enough for <see cref="TokenBuffer.MaxInputChars"/> characters of n-grams plus word features.</summary>
    public const int Capacity = TokenBuffer.MaxInputChars * 8;

    [ThreadStatic] private static int[]? current;

    public static int[] Current => current ??= new int[Capacity];

    /// <summary>Tokenizes and featurizes into the calling thread's buffers; returns the bucket count.</summary>
    public static int Featurize(ReadOnlySpan<char> text, FeatureSpec spec, TokenBuffer tokens, int[] buckets)
    {
        Tokenizer.Tokenize(text, tokens);
        var sink = new BucketSink(buckets);
        Featurizer.Extract(spec, tokens, ref sink);
        return sink.Count;
    }
}
