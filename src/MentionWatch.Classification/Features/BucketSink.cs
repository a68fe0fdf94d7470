using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Features;

/// <summary>Collects bucket indices (encoded by <see cref="FeatureSpec.Encode"/>) into a caller-owned array.</summary>
internal struct BucketSink(int[] buckets) : IFeatureSink
{
    private readonly int[] buckets = buckets;

    public int Count { get; private set; }

    public bool Add(int bucket, FeatureKind kind, TokenBuffer buffer, int tokenIndex, int charOffset, int charLength)
    {
        if ((uint)Count >= (uint)buckets.Length) return false;
        buckets[Count++] = FeatureSpec.Encode(bucket, kind);
        return true;
    }
}
