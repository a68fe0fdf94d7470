namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// Spike detection for one watch and metric, on post time. Pure: the caller supplies every time.
/// <para>
/// Each tick counts the posts in the window [now − WindowMinutes, now) and compares the count with the usual
/// count E for that window (<see cref="SeasonalBaseline"/>: SeasonalWeight × seasonal + (1 − SeasonalWeight) × recent,
/// recent alone before a seasonal week exists). It fires when
/// count ≥ max(MinCount, Sensitivity × E, E + 3·√E): the ratio keeps busy hours from paging on ordinary noise, the
/// Poisson margin (three standard deviations) keeps small baselines from paging on one extra post, MinCount keeps
/// tiny volumes quiet. While the spike lasts every changed count is an update; it resolves when
/// count &lt; max(MinCount, min(1.5, (1 + Sensitivity) / 2) × E) — lower than the firing bar, so a count hovering at
/// the bar does not flap.
/// </para>
/// <para>
/// It never fires before the baseline has observed <see cref="WarmUp"/> (7 days): until a whole week is seen, a
/// weekday morning has nothing to be compared with but the night before.
/// </para>
/// </summary>
internal sealed class SpikeDetector(TimeSpan window, int minCount, double sensitivity, TimeSpan lateness, SeasonalBaseline baseline)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromDays(7);

    private readonly Dictionary<long, int> _minutes = [];
    private readonly double _resolveFactor = Math.Min(1.5, (1 + sensitivity) / 2);
    private DateTimeOffset? _lastTick;
    private int? _reportedCount;

    /// <summary>Whether a spike is open (fired, or still open from before a restart).</summary>
    public bool Active { get; private set; }

    /// <summary>
    /// Seeds from hourly history up to <paramref name="now"/>. Hours that overlap the current window are spread evenly
    /// over their minutes, so a spike in progress at a restart is still seen in the window.
    /// </summary>
    public void Seed(IEnumerable<HourCount> hours, DateTimeOffset now)
    {
        var windowStart = now - window;
        foreach (var (hour, count) in hours)
        {
            baseline.Add(hour, count);
            baseline.Observe(hour);
            var end = hour + TimeSpan.FromHours(1) < now ? hour + TimeSpan.FromHours(1) : now;
            if (end <= windowStart || count <= 0) continue;
            var first = MinuteOf(hour);
            var minutes = (int)Math.Max(1, MinuteOf(end) - first);
            for (var i = 0; i < minutes; i++)
                _minutes[first + i] = _minutes.GetValueOrDefault(first + i) + (int)(count / minutes + (i < count % minutes ? 1 : 0));
        }
        baseline.Observe(now);
    }

    /// <summary>A group whose alert is still open after a restart: resolve it when the spike is over, do not fire again.</summary>
    public void Resume()
    {
        Active = true;
        _reportedCount = null;
    }

    /// <summary>One post of the metric: always into its hourly bucket; into the window unless it is already older.</summary>
    public void Add(DateTimeOffset postTime, DateTimeOffset arrival)
    {
        baseline.Add(postTime);
        baseline.Observe(arrival);
        if (_lastTick is { } last && postTime < last - window) return;
        var minute = MinuteOf(postTime);
        _minutes[minute] = _minutes.GetValueOrDefault(minute) + 1;
    }

    public SpikeStep? Tick(DateTimeOffset now)
    {
        baseline.Observe(now);
        if (_lastTick is null || SeasonalBaseline.HourOf(_lastTick.Value) != SeasonalBaseline.HourOf(now)) Prune(now);
        _lastTick = now;

        var count = CountWindow(now);
        // Recent hours are used only once final: LatenessSeconds after they end no late post can change them.
        var expected = baseline.Estimate(now - window, now, now - lateness).Blend;
        if (!Active)
        {
            if (expected is not { } e || now - baseline.ObservedSince < WarmUp) return null;
            if (count < minCount || count < sensitivity * e || count < e + 3 * Math.Sqrt(e)) return null;
            Active = true;
            _reportedCount = count;
            return new SpikeStep(SpikeChange.Started, count, e);
        }

        var usual = expected ?? 0;
        if (count < Math.Max(minCount, _resolveFactor * usual))
        {
            Active = false;
            _reportedCount = null;
            return new SpikeStep(SpikeChange.Ended, count, usual);
        }
        if (count == _reportedCount) return null;
        _reportedCount = count;
        return new SpikeStep(SpikeChange.Grew, count, usual);
    }

    private int CountWindow(DateTimeOffset now)
    {
        var count = 0;
        var from = now - window;
        var first = MinuteOf(from);
        for (var minute = first; minute <= MinuteOf(now); minute++)
        {
            if (!_minutes.TryGetValue(minute, out var n)) continue;
            // Minute buckets on the window's edges count when their start lies inside [from, now).
            var start = minute * TimeSpan.TicksPerMinute;
            if (start >= from.UtcTicks && start < now.UtcTicks) count += n;
        }
        return count;
    }

    private void Prune(DateTimeOffset now)
    {
        var oldest = MinuteOf(now - window) - 1;
        foreach (var minute in _minutes.Keys.Where(m => m < oldest).ToList()) _minutes.Remove(minute);
        baseline.Prune(now);
    }

    private static long MinuteOf(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMinute;
}

internal enum SpikeChange { Started, Grew, Ended }

/// <summary>What one tick changed: <see cref="Count"/> posts in the window against <see cref="Expected"/> usual.</summary>
internal sealed record SpikeStep(SpikeChange Change, int Count, double Expected);
