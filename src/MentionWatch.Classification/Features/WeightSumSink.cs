using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Features;

/// <summary>
/// Hot-path sink over an interleaved table of four 8-bit weights per bucket (sentiment ×3, needs-reply ×1):
/// adds each feature's row as it is produced, in 32-bit integers, instead of storing bucket indices
/// first (measured faster than collect-then-sum). Handle features reach only the lanes of models that use
/// them (<paramref name="handleLanes"/> is all ones there, zero elsewhere) and are counted apart.
/// </summary>
internal unsafe struct WeightSumSink(sbyte* table, Vector128<int> handleLanes) : IFeatureSink
{
    private readonly sbyte* table = table;
    private readonly Vector128<int> handleLanes = handleLanes;
    private Vector128<int> words;
    private Vector128<int> chars;

    public int WordCount { get; private set; }
    public int CharCount { get; private set; }
    public int HandleCount { get; private set; }

    public readonly Vector128<int> WordSum => words;
    public readonly Vector128<int> CharSum => chars;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(int bucket, FeatureKind kind, TokenBuffer buffer, int tokenIndex, int charOffset, int charLength)
    {
        sbyte* row = table + (nint)bucket * 4;
        Vector128<int> v = Sse41.IsSupported
            ? Sse41.ConvertToVector128Int32(row)
            : Vector128.Create(row[0], row[1], row[2], row[3]);
        // kind is a constant at every inlined call site, so this branch folds away.
        if (kind == FeatureKind.CharNgram)
        {
            chars += v;
            CharCount++;
        }
        else if (kind == FeatureKind.Handle)
        {
            words += v & handleLanes;
            HandleCount++;
        }
        else
        {
            words += v;
            WordCount++;
        }
        return WordCount + CharCount + HandleCount < FeatureBuffers.Capacity;
    }
}
