using MentionWatch.Classification.Features;
using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Language;

/// <summary>Share of a text's word-internal character trigrams that belong to frequent English trigrams.</summary>
internal static class TrigramProfile
{
    private static readonly HashSet<ulong> English = Build(
        "the", "and", "ing", "ion", "tio", "ent", "her", "for", "hat", "his", "tha", "ere", "ter", "was", "you", "ith",
        "ver", "all", "wit", "thi", "oul", "uld", "ght", "igh", "out", "are", "not", "ome", "our", "ave", "hav", "ver",
        "ore", "ate", "ill", "ould", "one", "ons", "est", "ive", "ear", "ess", "eve", "ong", "day", "ppy", "ake", "ook",
        "oo", "ee", "th", "sh", "wh", "ly", "ck", "ow", "ay", "ey", "ea", "ou", "ng", "ts", "ks", "ys", "gh", "ss", "ll");

    public static double EnglishShare(TokenBuffer buffer)
    {
        int total = 0, hits = 0;
        for (int k = 0; k < buffer.TokenCount; k++)
        {
            ref readonly var t = ref buffer.Tokens[k];
            if (t.Kind != TokenKind.Word) continue;
            var w = buffer.TextOf(t);
            for (int i = 0; i + 2 <= w.Length; i++)
            {
                total++;
                if (English.Contains(FeatureHash.Of(w.Slice(i, 2))) ||
                    (i + 3 <= w.Length && English.Contains(FeatureHash.Of(w.Slice(i, 3)))))
                    hits++;
            }
        }
        return total == 0 ? 0 : (double)hits / total;
    }

    private static HashSet<ulong> Build(params string[] grams)
    {
        var set = new HashSet<ulong>();
        foreach (var g in grams) set.Add(FeatureHash.Of(g));
        return set;
    }
}
