using System.Globalization;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Telegram;

/// <summary>
/// Public Telegram channels through their web preview, one target per channel. The preview shows the newest posts;
/// pages are followed back with <c>?before={oldest}</c> until the cursor (<c>telegram:{channel}</c>, the highest post
/// number stored) or <see cref="TelegramSourceOptions.MaxPagesPerRun"/>. The first poll reads one page. Every post is
/// submitted; the pipeline's matcher decides which watches it mentions.
/// </summary>
internal sealed class TelegramChannelSource(HttpClient http, HttpSourceResilience<TelegramSourceOptions> resilience, IOptions<TelegramSourceOptions> options) : IPollingSource
{
    public string Name => TelegramPreviewParser.SourceName;
    public string DisplayName => "Telegram";
    public string? DisabledReason => options.Value.Channels.Count == 0 ? "no channels configured (Sources:Telegram:Channels:<n>)" : null;
    public TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    public Task<PollPlan> PlanAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new PollPlan(options.Value.Channels.Select(c => c.Trim().ToLowerInvariant()).Distinct().Select(c => new PollTarget(c, c, $"channel '{c}'")).ToList(), []));

    public async Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken)
    {
        var known = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : (long?)null;
        var maxPages = known is null ? 1 : options.Value.MaxPagesPerRun;
        var posts = new List<(long Number, Post Post)>();
        long? before = null;
        var pages = 0;
        while (pages < maxPages)
        {
            var page = TelegramPreviewParser.Parse(target.Query, await GetAsync(target.Query, before, cancellationToken).ConfigureAwait(false));
            pages++;
            posts.AddRange(page.Posts.Where(p => known is null || p.Number > known));
            if (page.Oldest is not { } oldest || (known is { } k && oldest <= k + 1) || oldest <= 1) break;
            before = oldest;
        }

        var newest = posts.Count == 0 ? known : Math.Max(known ?? 0, posts.Max(p => p.Number));
        return new PollFetch(posts.Select(p => p.Post).DistinctBy(p => p.ExternalId).ToList(), newest?.ToString(CultureInfo.InvariantCulture), pages);
    }

    private async Task<string> GetAsync(string channel, long? before, CancellationToken ct)
    {
        var uri = $"s/{Uri.EscapeDataString(channel)}" + (before is { } b ? "?before=" + b.ToString(CultureInfo.InvariantCulture) : "");
        using var response = await resilience.Pipeline.ExecuteAsync(async t => await http.GetAsync(uri, t).ConfigureAwait(false), ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new SourceApiException($"t.me/s/{channel} answered {(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode, permanent: false);
        return body;
    }
}
