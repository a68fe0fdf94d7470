using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Core.Matching;

/// <summary>
/// One query tested against one post at a time, with exactly the semantics of watch matching (normalization,
/// prefixes, phrases, #tags, @handles, lang:/source:/from: fields). Compiled once; immutable and thread-safe.
/// </summary>
public sealed class QueryMatcher
{
    // A matcher over one synthetic watch is the cleanest way to reuse the compiled watch conditions for one query.
    private readonly WatchMatcher _matcher;

    /// <summary>Compiles <paramref name="query"/>; throws <see cref="QuerySyntaxException"/> when it does not parse.</summary>
    public QueryMatcher(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        try
        {
            _matcher = new WatchMatcher([new Watch("query", query, [], [])]);
        }
        catch (InvalidWatchQueryException ex)
        {
            throw ex.SyntaxError;
        }
    }

    /// <summary>Whether the post matches; <c>lang:</c> tests the post's own language field.</summary>
    public bool Matches(Post post) => _matcher.Match(post).Count > 0;

    /// <summary>
    /// Whether the stored mention matches as a search would find it: <c>lang:</c> tests the mention's language
    /// (the source's, else the detected one), the value the store indexes.
    /// </summary>
    public bool Matches(Mention mention) => Matches(mention.Post with { Lang = mention.Lang });
}
