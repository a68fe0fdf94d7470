using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Rss;

/// <summary>
/// RSS/Atom as a kit polling source: one target per configured feed (id = its URL). Every new item is submitted;
/// the pipeline's matcher decides which watches it mentions (items that match none are stored without watches).
/// </summary>
internal sealed class RssFeedSource(RssFeedClient client, IOptions<RssSourceOptions> options) : IPollingSource
{
    public string Name => RssFeedParser.SourceName;
    public string DisplayName => "RSS";
    public string? DisabledReason => Feeds.Count == 0 ? "no feeds configured (Sources:Rss:Feeds:<n>:Url)" : null;
    public TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    private IReadOnlyList<string> Feeds => options.Value.Feeds.Select(f => f.Url?.Trim()).OfType<string>().Where(u => u.Length > 0).ToList();

    public Task<PollPlan> PlanAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new PollPlan(Feeds.Select(url => new PollTarget(url, url, $"feed '{url}'")).ToList(), []));

    public async Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken)
    {
        var started = RssCursor.Parse(cursor);
        var fetched = await client.FetchAsync(new Uri(target.Query), started, cancellationToken).ConfigureAwait(false);
        if (fetched.NotModified) return new PollFetch([], cursor);
        var seen = started.Seen.ToHashSet(StringComparer.Ordinal);
        var fresh = fetched.Posts.Where(p => !seen.Contains(p.ExternalId)).ToList();
        var next = started.After(fetched.ETag, fetched.LastModified, fetched.Posts.Select(p => p.ExternalId));
        return new PollFetch(fresh, next.ToString(), Skipped: fetched.Posts.Count - fresh.Count);
    }
}
