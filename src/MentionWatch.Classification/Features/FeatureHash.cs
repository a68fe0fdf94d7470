using System.Runtime.CompilerServices;

namespace MentionWatch.Classification.Features;

/// <summary>64-bit FNV-1a over UTF-16 units plus a multiplicative finalizer that maps to a bucket.</summary>
internal static class FeatureHash
{
    public const ulong Offset = 14695981039346656037UL;
    public const ulong Prime = 1099511628211UL;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        ulong h = Offset;
        foreach (char c in text) h = Step(h, c);
        return h;
    }

    /// <summary>Combines a token hash with a feature-kind seed (or a previous token's hash for bigrams).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong a, ulong b)
    {
        ulong h = (a ^ (b * Golden)) * 0xBF58476D1CE4E5B9UL;
        return h ^ (h >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bucket(ulong hash, int bits) => (int)((hash * Golden) >> (64 - bits));

}
