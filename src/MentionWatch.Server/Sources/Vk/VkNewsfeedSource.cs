using System.Globalization;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources.HackerNews;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Query;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Vk;

/// <summary>
/// VK <c>newsfeed.search</c> per watch (positive terms; the pipeline's matcher applies the full query). The cursor
/// <c>vk:{watch}</c> holds <c>start_time</c> (the newest post stored) and, when the page cap stopped a sweep, the
/// <c>next_from</c> and <c>end_time</c> to continue it, so nothing between two polls is skipped.
/// </summary>
internal sealed class VkNewsfeedSource(VkApiClient client, IWatchStore watches, IOptions<VkSourceOptions> options, TimeProvider time) : IPollingSource
{
    public string Name => VkPosts.SourceName;
    public string DisplayName => "VK";
    public string? DisabledReason => string.IsNullOrWhiteSpace(options.Value.AccessToken) ? "Sources:Vk:AccessToken is not set" : null;
    public TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    public Task<PollPlan> PlanAsync(CancellationToken cancellationToken) =>
        WatchQueries.PlanAsync(watches, w => WatchQueries.Translate(w, tree => HnQuery.Translate(tree)), cancellationToken);

    public async Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var state = VkCursor.Parse(cursor) ?? new VkCursor(now - o.InitialLookbackHours * 3600L, null, null, null);
        var end = state.End ?? now;
        var next = state.Next;
        var newest = state.SweepNewest ?? state.Since;
        var posts = new List<Post>();
        int pages = 0, skipped = 0;
        // VK's search requires every word: alternatives (a OR b) are one query each, swept to the end every poll.
        var alternatives = target.Query.Split(" OR ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var query in alternatives)
        {
            if (alternatives.Length > 1) next = null;
            for (var budget = 0; budget < o.MaxPagesPerRun; budget++)
            {
                var page = await client.SearchAsync(query, state.Since + 1, end, next, cancellationToken).ConfigureAwait(false);
                pages++;
                skipped += page.Skipped;
                posts.AddRange(page.Posts);
                if (page.Posts.Count > 0) newest = Math.Max(newest, page.Posts.Max(p => p.CreatedAt.ToUnixTimeSeconds()));
                next = page.NextFrom;
                if (next is null || page.Posts.Count == 0) break;
            }
        }

        var done = next is null || alternatives.Length > 1;
        var after = done ? new VkCursor(newest, null, null, null) : new VkCursor(state.Since, next, end, newest);
        return new PollFetch(posts.DistinctBy(p => p.ExternalId).ToList(), after.ToString(), pages, skipped);
    }
}

/// <summary>The stored state of one watch's VK sweep.</summary>
internal sealed record VkCursor(long Since, string? Next, long? End, long? SweepNewest)
{
    public static VkCursor? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var since)) return new VkCursor(since, null, null, null);
        try
        {
            return JsonSerializer.Deserialize<VkCursor>(value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => Next is null ? Since.ToString(CultureInfo.InvariantCulture) : JsonSerializer.Serialize(this);
}
