using System.Globalization;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// One <see cref="FlatlineDetector"/> per target: the rule's <see cref="AlertRuleDefinition.Source"/> when given
/// (group <c>source:{name}</c>; the watches are then not targets), otherwise each watch (group <c>watch:{name}</c>),
/// names lower case. Counts arrivals (<see cref="Mention.SeenAt"/>), not post times: it watches delivery itself.
/// The seed is hourly history by post time, which for a delivering source is close to arrival time.
/// </summary>
internal sealed class FlatlineAlertRule : IAlertRule
{
    private readonly TimeProvider _time;
    private readonly List<Target> _targets = [];

    public FlatlineAlertRule(string name, AlertRuleDefinition definition, TimeProvider time)
    {
        Name = name;
        Definition = definition;
        _time = time;
        var targets = string.IsNullOrWhiteSpace(definition.Source)
            ? definition.AllWatches().Select(w => new Target(w, null, "watch:" + w.ToLowerInvariant(), Detector()))
            : [new Target(null, definition.Source.Trim(), "source:" + definition.Source.Trim().ToLowerInvariant(), Detector())];
        _targets.AddRange(targets);

        FlatlineDetector Detector() => new(TimeSpan.FromMinutes(definition.MinQuietMinutes), definition.MinRatePerHour,
            new SeasonalBaseline(definition.BaselineWeeks, definition.RecentHours, definition.SeasonalWeight));
    }

    public string Name { get; }

    public AlertRuleDefinition Definition { get; }

    /// <summary>Seeds each target from the last BaselineWeeks weeks and a day of history (metric <c>all</c>).</summary>
    public async Task InitializeAsync(IAlertHistory history, IReadOnlyCollection<string> openGroups, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var from = now - TimeSpan.FromDays(7 * Definition.BaselineWeeks + 1);
        var open = new HashSet<string>(openGroups, StringComparer.OrdinalIgnoreCase);
        foreach (var target in _targets)
        {
            var hours = await history.HourlyCountsAsync(target.Watch, target.Source, "all", from, now, cancellationToken);
            target.Detector.Seed(hours, now);
            if (open.Contains(target.GroupKey)) target.Detector.Resume();
        }
    }

    public void OnMention(Mention mention, ICollection<AlertSignal> signals)
    {
        foreach (var target in _targets)
        {
            if (!target.Delivered(mention) || !target.Detector.Arrive(mention.SeenAt)) continue;
            signals.Add(new AlertSignal(AlertSignalKind.Resolve, target.GroupKey, target.Watch,
                $"Mentions {target.Label} are arriving again", $"Mentions {target.Label} are arriving again.", mention));
        }
    }

    public void OnTick(DateTimeOffset now, ICollection<AlertSignal> signals)
    {
        foreach (var target in _targets)
        {
            if (target.Detector.Tick(now) is not { } step) continue;
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"No mention {target.Label} has arrived since {step.LastArrival:yyyy-MM-dd HH:mm} UTC; about {step.RatePerHour:0.#} an hour are usual at this time.");
            signals.Add(new AlertSignal(AlertSignalKind.Fire, target.GroupKey, target.Watch,
                $"No mentions {target.Label} for {Describe(step.Silence)}", summary));
        }
    }

    private static string Describe(TimeSpan silence) =>
        silence.TotalHours >= 1 ? $"{(int)silence.TotalHours} h {silence.Minutes} min" : $"{(int)silence.TotalMinutes} min";

    private sealed record Target(string? Watch, string? Source, string GroupKey, FlatlineDetector Detector)
    {
        public string Label => Watch is not null ? $"about {Watch}" : $"from {Source}";

        public bool Delivered(Mention mention) => Watch is not null
            ? mention.Watches.Contains(Watch, StringComparer.OrdinalIgnoreCase)
            : string.Equals(mention.Post.Source, Source, StringComparison.OrdinalIgnoreCase);
    }
}
