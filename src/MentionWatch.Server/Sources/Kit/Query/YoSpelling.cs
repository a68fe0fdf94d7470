using MentionWatch.Core.Query;

namespace MentionWatch.Server.Sources.Kit.Query;

/// <summary>
/// Our query language folds "ё" to "е", but most source APIs (X, Reddit) match the letters as written: a watch for
/// "брюберд" would miss posts spelt "брюбёрд". Each Cyrillic word with an "е" is therefore sent together with its
/// spellings that have one "ё" in place of one "е" (Russian words carry at most one ё).
/// </summary>
internal static class YoSpelling
{
    /// <summary>Words with more "е" than this are sent as written, so one long word cannot blow a query length limit.</summary>
    private const int MaxPositions = 3;

    /// <summary>The tree with every term and phrase replaced by the OR of its spellings.</summary>
    public static QueryNode Expand(QueryNode node) => node switch
    {
        TermNode { Prefix: false } term => Alternatives(Spellings(term.Term).Select(s => (QueryNode)new TermNode(s)).ToList(), node),
        PhraseNode phrase => Alternatives(PhraseSpellings(phrase).Select(p => (QueryNode)new PhraseNode(p)).ToList(), node),
        NotNode not => new NotNode(Expand(not.Child)),
        AndNode and => new AndNode(and.Children.Select(Expand).ToList()),
        // Nested alternatives are flattened so the query stays short and free of extra parentheses.
        OrNode or => new OrNode(or.Children.Select(Expand).SelectMany(c => c is OrNode inner ? inner.Children : [c]).ToList()),
        _ => node,
    };

    private static QueryNode Alternatives(IReadOnlyList<QueryNode> spellings, QueryNode original) =>
        spellings.Count <= 1 ? original : new OrNode(spellings);

    /// <summary>The word as written first, then one variant per "е" position.</summary>
    internal static IReadOnlyList<string> Spellings(string word)
    {
        var positions = Positions(word);
        if (positions.Count is 0 or > MaxPositions) return [word];
        var spellings = new List<string> { word };
        foreach (int at in positions)
        {
            var chars = word.ToCharArray();
            chars[at] = chars[at] == 'Е' ? 'Ё' : 'ё';
            spellings.Add(new string(chars));
        }

        return spellings;
    }

    private static IReadOnlyList<IReadOnlyList<string>> PhraseSpellings(PhraseNode phrase)
    {
        int total = phrase.Terms.Sum(t => Positions(t).Count);
        if (total is 0 or > MaxPositions) return [phrase.Terms];
        var phrases = new List<IReadOnlyList<string>> { phrase.Terms };
        for (int w = 0; w < phrase.Terms.Count; w++)
        {
            foreach (var variant in Spellings(phrase.Terms[w]).Skip(1))
            {
                var words = phrase.Terms.ToList();
                words[w] = variant;
                phrases.Add(words);
            }
        }

        return phrases;
    }

    private static List<int> Positions(string word)
    {
        var positions = new List<int>();
        for (int i = 0; i < word.Length; i++)
        {
            if (word[i] is 'е' or 'Е') positions.Add(i);
        }

        return positions;
    }
}
