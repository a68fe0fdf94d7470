using System.Globalization;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources.HackerNews;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Query;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Bluesky;

/// <summary>
/// Backfills a watch the stream has not served before: once per watch, searches (<c>searchPosts</c>) its positive
/// terms over the last <see cref="BlueskySourceOptions.BackfillHours"/> and submits what the watch matches. The
/// cursor <c>bluesky:backfill.{watch}</c> records when it was done; afterwards the watch costs nothing here.
/// </summary>
internal sealed class BlueskyWatchBackfillSource(
    BlueskySearchClient client, IWatchStore watches, LocalWatchFilter filter, BlueskyHandles handles, IOptions<BlueskySourceOptions> options, TimeProvider time) : IPollingSource
{
    public const string TargetPrefix = "backfill.";

    public string Name => BlueskyJetstreamSource.SourceName;
    public string DisplayName => "Bluesky search";

    // Disabled here would mark the whole bluesky entry disabled; without credentials the plan is empty instead.
    public string? DisabledReason => options.Value.Enabled ? null : "Sources:Bluesky:Enabled is false";
    public TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.BackfillCheckSeconds);

    public async Task<PollPlan> PlanAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CanSearch) return PollPlan.Empty;
        var plan = await WatchQueries.PlanAsync(watches, w => WatchQueries.Translate(w, HnQuery.Translate), cancellationToken).ConfigureAwait(false);
        return new PollPlan(plan.Targets.Select(t => t with { Id = TargetPrefix + t.Id, Label = "backfill of " + t.Label }).ToList(), []);
    }

    public async Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken)
    {
        if (cursor is not null) return new PollFetch([], cursor, Pages: 0);
        var o = options.Value;
        var now = time.GetUtcNow();
        var since = now.AddHours(-o.BackfillHours);
        var terms = target.Query.Split(" OR ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = new List<Post>();
        int pages = 0, skipped = 0;
        foreach (var term in terms.Length == 0 ? [target.Query] : terms)
        {
            string? next = null;
            for (var page = 0; page < o.BackfillMaxPages; page++)
            {
                var result = await client.SearchAsync(term, since, next, cancellationToken).ConfigureAwait(false);
                pages++;
                skipped += result.Skipped;
                // Search results carry handles: the stream reuses them instead of looking them up.
                foreach (var post in result.Posts) if (post.Author.Id is { } did) handles.Learn(did, post.Author.Handle);
                found.AddRange(result.Posts.Where(filter.Matches));
                next = result.Cursor;
                if (next is null || result.Posts.Count == 0) break;
            }
        }

        return new PollFetch(found.DistinctBy(p => p.ExternalId).ToList(), now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), pages, skipped);
    }
}
