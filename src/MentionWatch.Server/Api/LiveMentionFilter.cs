using MentionWatch.Core.Domain;
using MentionWatch.Core.Matching;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Api;

/// <summary>
/// The filters of <c>GET /mentions</c> tested on one mention in memory, for the live stream: the query through the
/// watch matcher's semantics, the other fields as the store compares them (case-insensitive, time range on post time).
/// </summary>
internal sealed class LiveMentionFilter(MentionFilter filter, QueryMatcher? query)
{
    /// <summary>The filter of already parsed query-string arguments; <paramref name="queryText"/> is the <c>q</c> that parsed.</summary>
    public static LiveMentionFilter From(MentionFilter filter, string? queryText) =>
        new(filter, filter.Query is null || string.IsNullOrWhiteSpace(queryText) ? null : new QueryMatcher(queryText));

    public bool Matches(Mention mention)
    {
        var post = mention.Post;
        if (filter.Watch is { } watch && !mention.Watches.Contains(watch, StringComparer.OrdinalIgnoreCase)) return false;
        if (filter.Watches is { Count: > 0 } watches && !mention.Watches.Any(w => watches.Contains(w, StringComparer.OrdinalIgnoreCase))) return false;
        if (filter.Sentiment is { } sentiment && !Same(mention.Sentiment.Label, sentiment)) return false;
        if (filter.Team is { } team && (mention.Support?.Team is not { } mentionTeam || !Same(mentionTeam, team))) return false;
        if (filter.Triage is { } triage && !Same(mention.Support?.Triage ?? MentionWatch.Core.Domain.TriageStates.New, triage)) return false;
        if (filter.NeedsReply is { } needsReply && mention.NeedsReply.Value != needsReply) return false;
        if (filter.Source is { } source && !Same(post.Source, source)) return false;
        if (filter.Lang is { } lang && !Same(mention.Lang, lang)) return false;
        if (filter.From is { } from && post.CreatedAt < from) return false;
        if (filter.To is { } to && post.CreatedAt >= to) return false;
        return query is null || query.Matches(mention);
    }

    private static bool Same(string value, string wanted) => string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase);
}
