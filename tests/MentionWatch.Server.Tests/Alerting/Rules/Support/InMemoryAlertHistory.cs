using MentionWatch.Core.Domain;
using MentionWatch.Server.Alerting.Rules;

namespace MentionWatch.Server.Tests.Alerting.Rules.Support;

/// <summary>Hourly counts by post time (watch names ignoring case), recorded from the mentions a test stream produced.</summary>
internal sealed class InMemoryAlertHistory : IAlertHistory
{
    private readonly Dictionary<(string Watch, string Metric), SortedDictionary<DateTimeOffset, long>> _counts = [];

    public List<(string? Watch, string? Source, string Metric, DateTimeOffset From, DateTimeOffset To)> Calls { get; } = [];

    public void Record(Mention mention, long times = 1)
    {
        var hour = new DateTimeOffset(mention.Post.CreatedAt.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);
        foreach (var watch in mention.Watches)
        {
            Add(watch, "all", hour, times);
            if (mention.Sentiment.Label == "negative") Add(watch, "negative", hour, times);
            if (mention.NeedsReply.Value) Add(watch, "needsReply", hour, times);
        }
    }

    public Task<IReadOnlyList<HourCount>> HourlyCountsAsync(
        string? watch, string? source, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        Calls.Add((watch, source, metric, from, to));
        IReadOnlyList<HourCount> hours = _counts.TryGetValue(((watch ?? "").ToLowerInvariant(), metric), out var counts)
            ? counts.Where(c => c.Key >= from && c.Key < to).Select(c => new HourCount(c.Key, c.Value)).ToList()
            : [];
        return Task.FromResult(hours);
    }

    private void Add(string watch, string metric, DateTimeOffset hour, long times)
    {
        var key = (watch.ToLowerInvariant(), metric);
        if (!_counts.TryGetValue(key, out var counts)) _counts[key] = counts = [];
        counts[hour] = counts.GetValueOrDefault(hour) + times;
    }
}
