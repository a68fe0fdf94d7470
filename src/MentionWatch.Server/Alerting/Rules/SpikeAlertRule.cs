using System.Globalization;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// One <see cref="SpikeDetector"/> per watch the rule names; group key = the watch, lower case. Posts are placed by
/// post time (a post stamped after it arrived is placed at its arrival), so a window means "posted in the last hour"
/// whatever the delivery delay.
/// </summary>
internal sealed class SpikeAlertRule : IAlertRule
{
    private readonly TimeProvider _time;
    private readonly string _metric;
    private readonly TimeSpan _window;
    private readonly Dictionary<string, SpikeDetector> _detectors = new(StringComparer.OrdinalIgnoreCase);

    public SpikeAlertRule(string name, AlertRuleDefinition definition, TimeProvider time)
    {
        Name = name;
        Definition = definition;
        _time = time;
        _metric = SpikeMetric.Canonical(definition.Metric) ?? SpikeMetric.Negative;
        _window = TimeSpan.FromMinutes(definition.WindowMinutes);
        foreach (var watch in definition.AllWatches())
            _detectors[watch] = new SpikeDetector(_window, definition.MinCount, definition.Sensitivity,
                TimeSpan.FromSeconds(definition.LatenessSeconds),
                new SeasonalBaseline(definition.BaselineWeeks, definition.RecentHours, definition.SeasonalWeight));
    }

    public string Name { get; }

    public AlertRuleDefinition Definition { get; }

    /// <summary>
    /// Seeds each watch from the last BaselineWeeks weeks and a day of history. Mentions fed afterwards are taken as
    /// new (stored after this call), so they are not counted twice.
    /// </summary>
    public async Task InitializeAsync(IAlertHistory history, IReadOnlyCollection<string> openGroups, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var from = now - TimeSpan.FromDays(7 * Definition.BaselineWeeks + 1);
        var open = new HashSet<string>(openGroups, StringComparer.OrdinalIgnoreCase);
        foreach (var (watch, detector) in _detectors)
        {
            var hours = await history.HourlyCountsAsync(watch, null, _metric, from, now, cancellationToken);
            detector.Seed(hours, now);
            if (open.Contains(GroupKey(watch))) detector.Resume();
        }
    }

    public void OnMention(Mention mention, ICollection<AlertSignal> signals)
    {
        if (!SpikeMetric.Counts(_metric, mention)) return;
        var postTime = mention.Post.CreatedAt < mention.SeenAt ? mention.Post.CreatedAt : mention.SeenAt;
        foreach (var watch in mention.Watches.Distinct(StringComparer.OrdinalIgnoreCase))
            if (_detectors.TryGetValue(watch, out var detector)) detector.Add(postTime, mention.SeenAt);
    }

    public void OnTick(DateTimeOffset now, ICollection<AlertSignal> signals)
    {
        foreach (var (watch, detector) in _detectors)
            if (detector.Tick(now) is { } step) signals.Add(Signal(watch, step));
    }

    private AlertSignal Signal(string watch, SpikeStep step)
    {
        var what = SpikeMetric.Describe(_metric);
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{step.Count} {what} mentions in the last {Definition.WindowMinutes} minutes; about {step.Expected:0.#} usual.");
        return step.Change switch
        {
            SpikeChange.Started => new(AlertSignalKind.Fire, GroupKey(watch), watch, $"Spike in {what} mentions about {watch}", figures, Count: step.Count),
            SpikeChange.Grew => new(AlertSignalKind.Update, GroupKey(watch), watch, $"Spike in {what} mentions about {watch}", figures, Count: step.Count),
            _ => new(AlertSignalKind.Resolve, GroupKey(watch), watch, $"{char.ToUpperInvariant(what[0])}{what[1..]} mentions about {watch} back to usual", figures, Count: step.Count),
        };
    }

    private static string GroupKey(string watch) => watch.ToLowerInvariant();
}
