using System.Runtime.CompilerServices;
using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Text;

/// <summary>What a known word is: a negator, an English function word or another Latin-script language's one.</summary>
[Flags]
internal enum WordFlags : byte
{
    None = 0,
    Negator = 1,
    EnglishFunction = 2,
    OtherLatinFunction = 4,
}

/// <summary>
/// One open-addressed table from token hash to <see cref="WordFlags"/>, looked up once per word while
/// tokenizing; replaced three HashSet lookups per word that cost ~10% of classify time.
/// </summary>
internal static class WordLexicon
{
    private const int Bits = 10;
    private static readonly ulong[] Keys = new ulong[1 << Bits];
    private static readonly WordFlags[] Values = new WordFlags[1 << Bits];

    static WordLexicon()
    {
        foreach (var w in NegationScope.Negators) Add(w, WordFlags.Negator);
        foreach (var w in Language.FunctionWords.English) Add(w, WordFlags.EnglishFunction);
        foreach (var w in Language.FunctionWords.OtherLatin) Add(w, WordFlags.OtherLatinFunction);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WordFlags Lookup(ulong hash)
    {
        int mask = (1 << Bits) - 1;
        for (int slot = (int)(hash >> (64 - Bits)); ; slot = (slot + 1) & mask)
        {
            ulong key = Keys[slot];
            if (key == hash) return Values[slot];
            if (key == 0) return WordFlags.None;
        }
    }

    private static void Add(string word, WordFlags flags)
    {
        ulong hash = FeatureHash.Of(word);
        int mask = (1 << Bits) - 1;
        int slot = (int)(hash >> (64 - Bits));
        while (Keys[slot] != 0 && Keys[slot] != hash) slot = (slot + 1) & mask;
        Keys[slot] = hash;
        Values[slot] |= flags;
    }
}
