using MentionWatch.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/trends and /api/v1/share-of-voice, both answered from the store's rollups.</summary>
internal static class TrendsApi
{
    private const int MaxBuckets = 10_000;

    public static RouteGroupBuilder MapTrendsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/trends", TrendsAsync).WithTags("Trends").WithSummary("Mention counts per hour or day, grouped by sentiment, source or language.");
        api.MapGet("/share-of-voice", ShareOfVoiceAsync).WithTags("Trends").WithSummary("Each watch's share of the mentions of a set of watches.");
        return api;
    }

    private static async Task<Results<Ok<TrendsDto>, ProblemHttpResult>> TrendsAsync(
        string? watch, string? from, string? to, string? interval, string? groupBy,
        IMentionStore store, IWatchStore watches, TimeProvider time, CancellationToken cancellationToken)
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
        var watchName = string.IsNullOrWhiteSpace(watch) ? null : watch.Trim();
        if (watchName is not null && await watches.GetWatchAsync(watchName, cancellationToken) is null)
            return Problems.NotFound($"No watch named '{watchName}'.");

        var request = new TrendRequest(
            watchName, start, end,
            step == "hour" ? TrendInterval.Hour : TrendInterval.Day,
            group switch { "source" => TrendGroupBy.Source, "lang" => TrendGroupBy.Lang, _ => TrendGroupBy.Sentiment });
        var result = await store.TrendsAsync(request, cancellationToken);
        var buckets = result.Buckets.Select(b => new TrendBucketDto(b.Start, b.Total, b.Counts)).ToList();
        return TypedResults.Ok(new TrendsDto(watchName, start, end, step, group, buckets));
    }

    private static async Task<Results<Ok<ShareOfVoiceDto>, ProblemHttpResult>> ShareOfVoiceAsync(
        string? watches, string? watch, string? from, string? to, IMentionStore store, IWatchStore watchStore, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var start = errors.Date("from", from);
        var end = errors.Date("to", to);
        if (start is not null && end is not null && start > end) errors.Add("from", "from must not be after to.");
        var names = (watches ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0 && string.IsNullOrWhiteSpace(watch))
            errors.Add("watches", "Name the watches to compare (watches=a,b,c), or one watch (watch=a) to compare it with its competitors.");
        if (errors.Any(out var problem)) return problem!;

        if (names.Count == 0)
        {
            if (await watchStore.GetWatchAsync(watch!.Trim(), cancellationToken) is not { } main) return Problems.NotFound($"No watch named '{watch}'.");
            names = [main.Name, .. main.Competitors.Where(c => c != main.Name)];
        }
        foreach (var name in names)
        {
            if (await watchStore.GetWatchAsync(name, cancellationToken) is null) return Problems.NotFound($"No watch named '{name}'.");
        }

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
