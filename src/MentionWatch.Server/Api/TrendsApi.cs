using MentionWatch.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/trends and /api/v1/share-of-voice, both answered from the store's rollups.</summary>
internal static class TrendsApi
{
    private const int MaxBuckets = 10_000;

    public static RouteGroupBuilder MapTrendsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/trends", TrendsAsync).WithTags("Trends").WithSummary("Mention counts per hour or day, grouped by sentiment, source or language.")
            .ProducesErrors(400, 404);
        api.MapGet("/share-of-voice", ShareOfVoiceAsync).WithTags("Trends").WithSummary("Each watch's share of the mentions of a set of watches.")
            .ProducesErrors(400, 404);
        return api;
    }

    private static async Task<Results<Ok<TrendsDto>, ProblemHttpResult>> TrendsAsync(
        string? watch, string? from, string? to, string? interval, string? groupBy,
        IMentionQueries store, IWatchStore watches, ICampaignStore campaigns, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var step = errors.OneOf("interval", interval, "hour", "day") ?? "day";
        var group = errors.OneOf("groupBy", groupBy, "sentiment", "source", "lang") ?? "sentiment";
        var end = errors.Date("to", to) ?? time.GetUtcNow();
        var start = errors.Date("from", from) ?? end - (step == "hour" ? TimeSpan.FromHours(48) : TimeSpan.FromDays(30));
        if (start >= end) errors.Add("from", "from must be before to.");
        var bucketSize = step == "hour" ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        if (start < end && (end - start) / bucketSize > MaxBuckets)
            errors.Add("interval", $"The period holds more than {MaxBuckets} {step} buckets; shorten it or use a longer interval.");
        if (errors.Any(out var problem)) return problem!;
        var (named, unknown) = await WatchNames.ResolveAsync(watches, watch, cancellationToken);
        if (unknown is not null) return unknown;

        var trendInterval = step == "hour" ? TrendInterval.Hour : TrendInterval.Day;
        var trendGroupBy = group switch { "source" => TrendGroupBy.Source, "lang" => TrendGroupBy.Lang, _ => TrendGroupBy.Sentiment };
        // Rollups are kept per watch, so several watches are summed: a mention of two of them counts once for each.
        var results = new List<TrendResult>();
        foreach (var name in named.Count == 0 ? [null] : named.Select(w => (string?)w.Name))
            results.Add(await store.TrendsAsync(new TrendRequest(name, start, end, trendInterval, trendGroupBy), cancellationToken));
        var buckets = Sum(results);
        var watchName = named.Count == 0 ? null : string.Join(",", named.Select(w => w.Name));
        var overlapping = await CampaignsApi.OverlappingAsync(campaigns, named.Select(w => w.Name).ToList(), start, end, cancellationToken);
        return TypedResults.Ok(new TrendsDto(watchName, start, end, step, group, buckets) { Campaigns = overlapping });
    }

    private static List<TrendBucketDto> Sum(List<TrendResult> results) =>
        results.SelectMany(r => r.Buckets)
            .GroupBy(b => b.Start)
            .OrderBy(g => g.Key)
            .Select(g => new TrendBucketDto(g.Key, g.Sum(b => b.Total), g.SelectMany(b => b.Counts)
                .GroupBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => c.Sum(x => x.Value), StringComparer.Ordinal)))
            .ToList();

    private static async Task<Results<Ok<ShareOfVoiceDto>, ProblemHttpResult>> ShareOfVoiceAsync(
        string? watches, string? watch, string? from, string? to, IMentionQueries store, IWatchStore watchStore, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var start = errors.Date("from", from);
        var end = errors.Date("to", to);
        if (start is not null && end is not null && start > end) errors.Add("from", "from must not be after to.");
        if (WatchNames.Split(watches).Count == 0 && WatchNames.Split(watch).Count == 0)
            errors.Add("watches", "Name the watches to compare (watches=a,b,c), or one or more watches (watch=a) to compare with their competitors.");
        if (errors.Any(out var problem)) return problem!;

        // watches= is the exact set; watch= adds each named watch's competitors.
        var (listed, unknown) = await WatchNames.ResolveAsync(watchStore, watches, cancellationToken);
        if (unknown is not null) return unknown;
        var (mains, unknownMain) = await WatchNames.ResolveAsync(watchStore, watch, cancellationToken);
        if (unknownMain is not null) return unknownMain;
        var wanted = listed.Select(w => w.Name).Concat(mains.SelectMany(m => (IEnumerable<string>)[m.Name, .. m.Competitors])).ToList();
        var (all, unknownCompetitor) = await WatchNames.ResolveAsync(watchStore, string.Join(",", wanted), cancellationToken);
        if (unknownCompetitor is not null) return unknownCompetitor;
        var names = all.Select(w => w.Name).ToList();

        var volumes = await store.VolumeByWatchAsync(names, start, end, cancellationToken);
        var byName = volumes.ToDictionary(v => v.Watch, StringComparer.Ordinal);
        long total = volumes.Sum(v => v.Total);
        var rows = names.Select(n => byName.TryGetValue(n, out var v)
                ? new WatchShareDto(n, v.Total, total == 0 ? 0 : (double)v.Total / total, v.BySentiment)
                : new WatchShareDto(n, 0, 0, new Dictionary<string, long>()))
            .ToList();
        return TypedResults.Ok(new ShareOfVoiceDto(start, end, total, rows));
    }
}
