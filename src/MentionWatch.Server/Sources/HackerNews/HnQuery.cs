using MentionWatch.Core.Query;
using MentionWatch.Server.Sources.Kit.Query;

namespace MentionWatch.Server.Sources.HackerNews;

/// <summary>
/// What is sent to Algolia for one watch: the positive terms of its query as <c>query</c>. Algolia requires every
/// word by default; when the watch's terms are alternatives (OR), every word is also listed in <c>optionalWords</c>
/// so a hit needs only one. The pipeline's matcher applies the full watch query to what comes back.
/// </summary>
internal sealed record HnQuery(string Text, string? OptionalWords)
{
    private const string Or = " OR ";
    private static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "hackernews", "hn" };

    /// <summary>The target query as stored in the plan: alternatives joined by " OR ", else the words.</summary>
    public static HnQuery FromTarget(string query)
    {
        if (!query.Contains(Or, StringComparison.Ordinal)) return new HnQuery(query, null);
        var text = string.Join(' ', query.Split(Or, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new HnQuery(text, text);
    }

    public static QueryTranslation Translate(QueryNode tree)
    {
        var reduction = SourceFilter.Reduce(tree, Names);
        if (reduction.Kind == SourceReductionKind.Never) return QueryTranslation.OtherSource($"the query only matches {reduction.OtherSourcesText}");
        var terms = reduction.Query is null ? null : QueryTerms.Positive(reduction.Query);
        if (terms is null || terms.IsEmpty)
        {
            return QueryTranslation.NotExpressible("the query has no word, phrase, #hashtag or @handle that is not negated; Hacker News search needs one");
        }

        // Prefixes go as their stem (Algolia matches the last word as a prefix anyway); the matcher checks the rest.
        var words = terms.Terms.Select(t => t.Text).ToList();
        return QueryTranslation.Translated(string.Join(terms.AnyOf ? Or : " ", words));
    }
}
