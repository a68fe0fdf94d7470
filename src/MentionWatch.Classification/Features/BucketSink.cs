using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Features;

/// <summary>Hot-path sink: collects bucket indices into a caller-owned array and drops everything else.</summary>
internal struct BucketSink(int[] buckets) : IFeatureSink
{
    private readonly int[] buckets = buckets;

    public int Count { get; private set; }

    public bool Add(int bucket, FeatureKind kind, TokenBuffer buffer, int tokenIndex, int charOffset, int charLength)
    {
        if ((uint)Count >= (uint)buckets.Length) return false;
        buckets[Count++] = bucket;
        return true;
    }
}
