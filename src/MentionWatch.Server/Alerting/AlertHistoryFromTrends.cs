using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting.Rules;

namespace MentionWatch.Server.Alerting;

/// <summary>Rule baselines from the store's hourly rollups (no scan of mentions).</summary>
internal sealed class AlertHistoryFromTrends(IMentionStore store) : IAlertHistory
{
    public async Task<IReadOnlyList<HourCount>> HourlyCountsAsync(
        string? watch, string? source, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var groupBy = source is not null ? TrendGroupBy.Source : metric == "needsReply" ? TrendGroupBy.NeedsReply : TrendGroupBy.Sentiment;
        // Rollups by source exist for all mentions together, not per watch.
        var result = await store.TrendsAsync(new TrendRequest(source is not null ? null : watch, from, to, TrendInterval.Hour, groupBy), cancellationToken);
        return result.Buckets
            .Select(b => new HourCount(b.Start, source is not null ? b.Counts.GetValueOrDefault(source)
                : metric switch
                {
                    "negative" => b.Counts.GetValueOrDefault("negative"),
                    "needsReply" => b.Counts.GetValueOrDefault("1"),
                    _ => b.Total,
                }))
            .Where(h => h.Count > 0)
            .ToList();
    }
}
