using MentionWatch.Core.Query;

namespace MentionWatch.Server.Sources.Kit.Query;

/// <summary>
/// The positive search terms of a query, for sources whose search language is plainer than ours (Hacker News,
/// Reddit): words, phrases, hashtags and handles that are not negated. The pipeline's matcher applies the full
/// query to what comes back, so a source only has to find a superset.
/// </summary>
internal static class QueryTerms
{
    /// <summary>Terms in query order without repeats; <see cref="PositiveTerms.AnyOf"/> is true when an OR joins them.</summary>
    public static PositiveTerms Positive(QueryNode query)
    {
        var terms = new List<PositiveTerm>();
        var anyOf = false;
        Collect(query, terms, ref anyOf);
        return new PositiveTerms(terms.DistinctBy(t => (t.Text.ToLowerInvariant(), t.Kind)).ToList(), anyOf);
    }

    private static void Collect(QueryNode node, List<PositiveTerm> terms, ref bool anyOf)
    {
        switch (node)
        {
            case TermNode t:
                terms.Add(new PositiveTerm(t.Term, t.Prefix ? PositiveTermKind.Prefix : PositiveTermKind.Word));
                break;
            case PhraseNode p when p.Terms.Count > 0:
                terms.Add(new PositiveTerm(string.Join(' ', p.Terms), PositiveTermKind.Phrase));
                break;
            case HashtagNode h:
                terms.Add(new PositiveTerm(h.Tag.TrimStart('#'), PositiveTermKind.Hashtag));
                break;
            case HandleNode h:
                terms.Add(new PositiveTerm(h.Handle.TrimStart('@'), PositiveTermKind.Handle));
                break;
            case AndNode a:
                foreach (var c in a.Children) Collect(c, terms, ref anyOf);
                break;
            case OrNode o:
                anyOf = true;
                foreach (var c in o.Children) Collect(c, terms, ref anyOf);
                break;
            // NOT, lang:, from:, source: narrow the result; they are left to the matcher.
        }
    }
}

internal enum PositiveTermKind { Word, Prefix, Phrase, Hashtag, Handle }

internal sealed record PositiveTerm(string Text, PositiveTermKind Kind);

internal sealed record PositiveTerms(IReadOnlyList<PositiveTerm> Terms, bool AnyOf)
{
    public bool IsEmpty => Terms.Count == 0;
}
