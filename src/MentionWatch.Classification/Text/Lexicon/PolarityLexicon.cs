using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Text.Lexicon;

/// <summary>The polarity class of a lexicon entry: its sign, and whether it is strong.</summary>
[Flags]
internal enum LexiconClass : byte
{
    None = 0,
    Positive = 1,
    Negative = 2,
    /// <summary>|valence| of at least 2 (of 4).</summary>
    Strong = 4,
}

/// <summary>
/// English word and emoticon valences from the VADER lexicon (vader_lexicon.tsv, an embedded resource), keyed by the
/// token hash the tokenizer computes, so a lookup needs no string. Entries are normalized like words are
/// (lower case, digits to 0, a letter repeated three or more times kept twice); entries the tokenizer can never
/// produce (e.g. "$:") simply never match.
/// </summary>
internal static class PolarityLexicon
{
    // An open-addressed table (TokenHashTable, like WordLexicon's) behind a filter. Extra featurize time
    // per English post (`bench stages`): a Dictionary 290 ns, this table alone 390 ns (a cache miss per token), both
    // with the filter 80 ns. Only polar entries are stored, so the table stays under a quarter full.
    // The class, not the valence: the featurizer only ever asks for the class, so it is worked out once at load.
    private static readonly TokenHashTable<LexiconClass> Classes = new(bits: 15);

    // The table is 256 KB and a token lands anywhere in it. One bit per hash of a 16 KB filter, which stays in the cache,
    // turns away about 94% of the tokens that are not in the lexicon (7,500 bits of 131,072) before the table is read.
    private const int FilterBits = 17;
    private static readonly ulong[] Filter = new ulong[(1 << FilterBits) / 64];

    static PolarityLexicon()
    {
        foreach (var (hash, polarity) in Load())
        {
            // Hash 0 marks an empty slot; an entry hashing to it (one in 2^64) is left out rather than mistaken for one.
            if (polarity == LexiconClass.None || hash == 0) continue;
            Classes.Slot(hash) = polarity;
            int bit = FilterBit(hash);
            Filter[bit >> 6] |= 1UL << bit;
        }
    }

    /// <summary>
    /// The polarity class of a token (a word or an emoticon symbol): <see cref="LexiconClass.None"/> when it is not in
    /// the lexicon. Asked in the lexicon pass only, so models without lexicon features pay nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LexiconClass ClassOf(ulong tokenHash)
    {
        int bit = FilterBit(tokenHash);
        return (Filter[bit >> 6] & (1UL << bit)) == 0 ? LexiconClass.None : Classes.Lookup(tokenHash);
    }

    // The low bits: the table's slot comes from the top ones, so the two do not fail together.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FilterBit(ulong hash) => (int)(hash & ((1UL << FilterBits) - 1));

    private static LexiconClass ClassOf(float valence) => valence == 0 ? LexiconClass.None
        : (valence > 0 ? LexiconClass.Positive : LexiconClass.Negative) | (MathF.Abs(valence) >= 2f ? LexiconClass.Strong : LexiconClass.None);

    private static Dictionary<ulong, LexiconClass> Load()
    {
        var map = new Dictionary<ulong, LexiconClass>();
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MentionWatch.Classification.Text.Lexicon.vader_lexicon.tsv")
            ?? throw new InvalidOperationException("vader_lexicon.tsv is not embedded");
        using var reader = new StreamReader(stream);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.StartsWith('#')) continue;
            var fields = line.Split('\t');
            if (fields.Length < 2 || !float.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float v)) continue;
            // The first entry of a normalized form wins, whatever its valence (a neutral one blocks later ones too).
            map.TryAdd(FeatureHash.Of(Normalize(fields[0])), ClassOf(v));
        }
        return map;
    }

    /// <summary>The same folding <see cref="WordReader"/> applies to a word.</summary>
    internal static string Normalize(string entry)
    {
        var chars = new System.Text.StringBuilder(entry.Length);
        foreach (char raw in entry.ToLowerInvariant())
        {
            char c = (uint)(raw - '0') <= 9 ? '0' : raw;
            if (chars.Length >= 2 && chars[^1] == c && chars[^2] == c) continue;
            chars.Append(c);
        }
        return chars.ToString();
    }
}
