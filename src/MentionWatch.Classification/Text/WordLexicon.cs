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
    private static readonly TokenHashTable<WordFlags> Table = Build();

    private static TokenHashTable<WordFlags> Build()
    {
        var table = new TokenHashTable<WordFlags>(bits: 10);
        foreach (var w in NegationScope.Negators) table.Slot(FeatureHash.Of(w)) |= WordFlags.Negator;
        foreach (var w in Language.FunctionWords.English) table.Slot(FeatureHash.Of(w)) |= WordFlags.EnglishFunction;
        foreach (var w in Language.FunctionWords.OtherLatin) table.Slot(FeatureHash.Of(w)) |= WordFlags.OtherLatinFunction;
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WordFlags Lookup(ulong hash) => Table.Lookup(hash);
}
