using System.Globalization;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Query;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.HackerNews;

/// <summary>
/// Hacker News (stories and comments) through Algolia's <c>search_by_date</c>, one target per watch. The cursor is
/// the newest <c>created_at_i</c> stored. Algolia serves at most 1,000 hits per query, so a window that holds more is
/// split in halves (oldest first) until each fits; a run that hits <c>MaxRequestsPerRun</c> keeps the cursor at the
/// newest post of the windows it finished, and the next run continues from there.
/// </summary>
internal sealed class HackerNewsSource(
    HackerNewsClient client, IWatchStore watches, IOptions<HackerNewsSourceOptions> options, TimeProvider time) : IPollingSource
{
    public const string SourceName = "hackernews";

    /// <summary>Algolia's pagination limit for the HN index.</summary>
    public const int MaxHitsPerWindow = 1_000;

    public string Name => SourceName;
    public string DisplayName => "Hacker News";
    public string? DisabledReason => options.Value.Enabled ? null : "Sources:HackerNews:Enabled is false";
    public TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    public Task<PollPlan> PlanAsync(CancellationToken cancellationToken) =>
        WatchQueries.PlanAsync(watches, w => WatchQueries.Translate(w, HnQuery.Translate), cancellationToken);

    public async Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var after = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var stored)
            ? stored
            : now - o.InitialLookbackHours * 3600L;
        var run = new Run(HnQuery.FromTarget(target.Query), o.HitsPerPage, o.MaxRequestsPerRun);
        await WalkAsync(run, after, now, cancellationToken).ConfigureAwait(false);
        var newest = run.Completed.Count == 0 ? after : Math.Max(after, run.Completed.Max(p => p.CreatedAt.ToUnixTimeSeconds()));
        var posts = run.Completed.Concat(run.Partial).DistinctBy(p => p.ExternalId).ToList();
        return new PollFetch(posts, newest.ToString(CultureInfo.InvariantCulture), run.Requests, run.Skipped);
    }

    /// <summary>Fetches (lo, hi]; false when the request budget ran out before the window was complete.</summary>
    private async Task<bool> WalkAsync(Run run, long lo, long hi, CancellationToken ct)
    {
        if (!run.TryRequest()) return false;
        var first = await client.SearchAsync(run.Query, lo, hi, 0, run.HitsPerPage, ct).ConfigureAwait(false);
        if (first.NbHits > MaxHitsPerWindow && hi - lo > 1)
        {
            var mid = lo + (hi - lo) / 2;
            return await WalkAsync(run, lo, mid, ct).ConfigureAwait(false) && await WalkAsync(run, mid, hi, ct).ConfigureAwait(false);
        }

        var window = new List<Post>(first.Posts);
        run.Skipped += first.Skipped;
        for (int page = 1; page < first.NbPages; page++)
        {
            if (!run.TryRequest())
            {
                run.Partial.AddRange(window);
                return false;
            }

            var next = await client.SearchAsync(run.Query, lo, hi, page, run.HitsPerPage, ct).ConfigureAwait(false);
            window.AddRange(next.Posts);
            run.Skipped += next.Skipped;
        }

        run.Completed.AddRange(window);
        return true;
    }

    private sealed class Run(HnQuery query, int hitsPerPage, int maxRequests)
    {
        public HnQuery Query { get; } = query;
        public int HitsPerPage { get; } = hitsPerPage;
        public int Requests { get; private set; }
        public int Skipped { get; set; }
        public List<Post> Completed { get; } = [];
        public List<Post> Partial { get; } = [];

        public bool TryRequest()
        {
            if (Requests >= maxRequests) return false;
            Requests++;
            return true;
        }
    }
}
