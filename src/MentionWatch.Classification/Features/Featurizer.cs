using System.Runtime.CompilerServices;
using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Features;

/// <summary>Receives features; a struct so the JIT specializes the hot path and the explain path separately.</summary>
internal interface IFeatureSink
{
    /// <summary>Returns false when the sink is full.</summary>
    bool Add(int bucket, FeatureKind kind, TokenBuffer buffer, int tokenIndex, int charOffset, int charLength);
}

internal enum FeatureKind : byte
{
    Word,
    NegatedWord,
    Bigram,
    CharNgram,
    Elongated,
    Handle,
    Stem,
    Lexicon,
}

/// <summary>
/// Turns tokens into hashed features: word unigrams (negated ones hashed apart), word bigrams with
/// begin/end markers, character n-grams inside "\u0002word\u0003", and an elongation flag.
/// </summary>
internal static class Featurizer
{
    private const ulong WordSeed = 0x1A2B3C4D5E6F7081UL;
    private const ulong NegatedSeed = 0x2B3C4D5E6F708192UL;
    private const ulong BigramSeed = 0x3C4D5E6F708192A3UL;
    private const ulong CharSeed = 0x4D5E6F708192A3B4UL;
    private const ulong ElongatedFeature = 0x5E6F708192A3B4C5UL;
    private const ulong BeginMarker = 0x6F708192A3B4C5D6UL;
    private const ulong EndMarker = 0x708192A3B4C5D6E7UL;
    private const ulong BreakMarker = 0x8192A3B4C5D6E7F8UL;
    private const ulong HandleSeed = 0x92A3B4C5D6E7F809UL;

    /// <summary>The bucket of a token's plain (not negated) unigram feature: where a word lane's weights go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WordBucket(ulong tokenHash, int bits) => FeatureHash.Bucket(FeatureHash.Mix(tokenHash, WordSeed), bits);

    public static void Extract<TSink>(FeatureSpec spec, TokenBuffer buffer, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        // Work on a local copy: once the core is inlined, the sink's fields can live in registers instead
        // of being read and written through the caller's reference for every feature.
        buffer.HandleFeatures = 0;
        var local = sink;
        bool full = !ExtractCore(spec, buffer, ref local);
        sink = local;
        // Handles go through the caller's sink, never through `local`: passing `local` by reference to a call
        // would pin it to memory for the whole loop.
        if (!full && spec.Handles && buffer.Handles > 0) AddHandles(spec.HashBits, buffer, ref sink);
        if (!full && spec.RussianStems) AddRussianStems(spec.HashBits, buffer, ref sink);
        if (!full && spec.Lexicon) AddLexicon(spec.HashBits, buffer, ref sink);
    }

    private const ulong LexiconSeed = 0xB4C5D6E7F8091A2BUL;

    /// <summary>
    /// One feature per English lexicon word or emoticon naming only its polarity class: positive or negative, weak
    /// (|valence| &lt; 2) or strong, inside a negation scope or not. Eight shared features, so a polar word that
    /// training never saw (new slang, a rarer synonym) still pushes the right way. A pass of its own, like stems.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddLexicon<TSink>(int bits, TokenBuffer buffer, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var tokens = buffer.Tokens;
        for (int k = 0; k < buffer.TokenCount; k++)
        {
            ref readonly var t = ref tokens[k];
            if (t.Kind == TokenKind.Break) continue;
            var flags = Text.Lexicon.PolarityLexicon.ClassOf(t.Hash);
            if (flags == Text.Lexicon.LexiconClass.None) continue;
            if (!sink.Add(FeatureHash.Bucket(FeatureHash.Mix(LexiconSeed, LexiconCode(flags, t.Negated)), bits), FeatureKind.Lexicon, buffer, k, t.Start, t.Length)) return;
        }
    }

    /// <summary>0..7: bit 0 negative, bit 1 strong, bit 2 negated.</summary>
    internal static ulong LexiconCode(Text.Lexicon.LexiconClass flags, bool negated) =>
        ((flags & Text.Lexicon.LexiconClass.Negative) != 0 ? 1UL : 0UL) | ((flags & Text.Lexicon.LexiconClass.Strong) != 0 ? 2UL : 0UL) | (negated ? 4UL : 0UL);

    private const ulong StemSeed = 0xA3B4C5D6E7F8091AUL;

    /// <summary>
    /// A Snowball stem feature for each Cyrillic word whose stem differs from the word ("кредиты", "кредитом"
    /// -> "кредит"): Russian inflection spreads one word over many unigrams that small data sets see once.
    /// A pass of its own, like handles, so models without stems pay nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddRussianStems<TSink>(int bits, TokenBuffer buffer, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var tokens = buffer.Tokens;
        for (int k = 0; k < buffer.TokenCount; k++)
        {
            ref readonly var t = ref tokens[k];
            if (t.Kind != TokenKind.Word || t.Length < 4 || !RussianStem.IsCyrillic(buffer.Chars[t.Start])) continue;
            var stem = RussianStem.Of(buffer.Chars.AsSpan(t.Start, t.Length));
            if (stem.Length == t.Length) continue;
            if (!sink.Add(FeatureHash.Bucket(FeatureHash.Mix(FeatureHash.Of(stem), StemSeed), bits), FeatureKind.Stem, buffer, k, t.Start, t.Length)) return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ExtractCore<TSink>(FeatureSpec spec, TokenBuffer buffer, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        int bits = spec.HashBits;
        var tokens = buffer.Tokens;
        ulong previous = BeginMarker;
        for (int k = 0; k < buffer.TokenCount; k++)
        {
            ref readonly var t = ref tokens[k];
            if (t.Kind == TokenKind.Break)
            {
                previous = BreakMarker;
                continue;
            }
            bool negated = spec.Negation && t.Negated;
            int unigram = negated ? FeatureHash.Bucket(FeatureHash.Mix(t.Hash, NegatedSeed), bits) : WordBucket(t.Hash, bits);
            if (!sink.Add(unigram, negated ? FeatureKind.NegatedWord : FeatureKind.Word, buffer, k, t.Start, t.Length)) return false;
            if (spec.WordBigrams &&
                !sink.Add(FeatureHash.Bucket(FeatureHash.Mix(previous ^ BigramSeed, t.Hash), bits), FeatureKind.Bigram, buffer, k, t.Start, t.Length))
                return false;
            previous = t.Hash;
            if (t.Kind != TokenKind.Word) continue;
            if (t.Elongated && !sink.Add(FeatureHash.Bucket(ElongatedFeature, bits), FeatureKind.Elongated, buffer, k, t.Start, 0)) return false;
            if (spec.CharNgramMax > 0 && !AddCharNgrams(spec, buffer, k, in t, ref sink)) return false;
        }
        if (spec.WordBigrams && buffer.TokenCount > 0 &&
            !sink.Add(FeatureHash.Bucket(FeatureHash.Mix(previous ^ BigramSeed, EndMarker), bits), FeatureKind.Bigram, buffer, -1, 0, 0))
            return false;
        return true;
    }

    /// <summary>
    /// One feature per @handle naming it, in a pass of its own after the main loop: inside it, the extra
    /// code cost every post about 10% of classify time, handles or not (measured with bench classify).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddHandles<TSink>(int bits, TokenBuffer buffer, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var tokens = buffer.Tokens;
        for (int k = 0; k < buffer.TokenCount; k++)
        {
            ref readonly var t = ref tokens[k];
            if (t.Kind != TokenKind.Symbol || t.Length < 2 || buffer.Chars[t.Start] != SpecialTokens.User) continue;
            ulong name = FeatureHash.Of(buffer.Chars.AsSpan(t.Start + 1, t.Length - 1));
            bool more = sink.Add(FeatureHash.Bucket(FeatureHash.Mix(name, HandleSeed), bits), FeatureKind.Handle, buffer, k, t.Start, t.Length);
            buffer.HandleFeatures++;
            if (!more) return;
        }
    }

    /// <summary>
    /// The shipped 2..4 range without the generic loop's bounds and length tests (measured: n-grams are
    /// the largest share of featurization). Emits in the same order as the generic loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AddCharNgrams2To4<TSink>(ReadOnlySpan<char> padded, int bits, TokenBuffer buffer, int tokenIndex, int wordStart, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        int last = padded.Length - 1;
        for (int start = 0; start < last; start++)
        {
            ulong h2 = FeatureHash.Step(FeatureHash.Step(CharSeed, padded[start]), padded[start + 1]);
            if (!sink.Add(FeatureHash.Bucket(h2, bits), FeatureKind.CharNgram, buffer, tokenIndex, wordStart + start - 1, 2)) return false;
            if (start + 2 > last) continue;
            ulong h3 = FeatureHash.Step(h2, padded[start + 2]);
            if (!sink.Add(FeatureHash.Bucket(h3, bits), FeatureKind.CharNgram, buffer, tokenIndex, wordStart + start - 1, 3)) return false;
            if (start + 3 > last) continue;
            ulong h4 = FeatureHash.Step(h3, padded[start + 3]);
            if (!sink.Add(FeatureHash.Bucket(h4, bits), FeatureKind.CharNgram, buffer, tokenIndex, wordStart + start - 1, 4)) return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AddCharNgrams<TSink>(FeatureSpec spec, TokenBuffer buffer, int tokenIndex, in Token t, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        // The tokenizer stored the word between boundary markers: n-grams run over Start-1 .. Start+Length.
        var padded = buffer.Chars.AsSpan(t.Start - 1, t.Length + 2);
        int min = spec.CharNgramMin, max = spec.CharNgramMax, bits = spec.HashBits;
        if (min == 2 && max == 4) return AddCharNgrams2To4(padded, bits, buffer, tokenIndex, t.Start, ref sink);
        for (int start = 0; start < padded.Length - 1; start++)
        {
            ulong h = CharSeed;
            int end = Math.Min(padded.Length, start + max);
            for (int p = start; p < end; p++)
            {
                h = FeatureHash.Step(h, padded[p]);
                int n = p - start + 1;
                if (n >= min && !sink.Add(FeatureHash.Bucket(h, bits), FeatureKind.CharNgram, buffer, tokenIndex, t.Start + start - 1, n))
                    return false;
            }
        }
        return true;
    }
}
