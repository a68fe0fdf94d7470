using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting.Rules;

namespace MentionWatch.Server.Alerting;

/// <summary>Rule baselines from the store's hourly rollups (no scan of mentions).</summary>
internal sealed class AlertHistoryFromTrends(IMentionQueries store) : IAlertHistory
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

    private const int MaxUnanswered = 20_000;

    public async Task<IReadOnlyList<MentionWatch.Core.Domain.Mention>> UnansweredAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var open = new List<MentionWatch.Core.Domain.Mention>();
        foreach (var triage in new[] { MentionWatch.Core.Domain.TriageStates.New, MentionWatch.Core.Domain.TriageStates.Assigned })
        {
            string? cursor = null;
            do
            {
                var page = await store.SearchAsync(new MentionFilter(NeedsReply: true, From: since, Triage: triage), 1_000, cursor, cancellationToken);
                open.AddRange(page.Items.Where(m => m.Support?.FirstReply is null));
                cursor = page.NextCursor;
            }
            while (cursor is not null && open.Count < MaxUnanswered);
        }
        return open.OrderBy(m => m.Post.CreatedAt).ToList();
    }
}
