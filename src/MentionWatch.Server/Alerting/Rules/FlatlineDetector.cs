namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// Flatline detection for one target on arrival time. Pure: the caller supplies every time.
/// <para>
/// With the last arrival at t₀ and E the usual count in [t₀, now) (λ = E / silence hours), it fires once when
/// λ ≥ MinRatePerHour, silence ≥ MinQuietMinutes and E ≥ ln(1000): zero arrivals would have probability below
/// 0.001 under Poisson(E). For a steady λ that is silence ≥ max(MinQuietMinutes, ln(1000) / λ hours).
/// </para>
/// <para>
/// E is deliberately the low side of what is usual, because overstating it pages: E = min(seasonal lower bound, blend)
/// where the seasonal lower bound is (√(weeks × seasonal) − 1)² / weeks (a few weeks of hourly counts are noisy, and a
/// lucky busy week must not make an ordinary gap look impossible) and the blend is SeasonalWeight × seasonal +
/// (1 − SeasonalWeight) × recent. The recent average may lower E (the target has become quieter) but never raise
/// it: over a rhythmic day it is far above the night's rate, and with the plain blend a synthetic day/night stream
/// paged about twice a night. Without an observed past week (the first <see cref="WarmUp"/>) there is no seasonal
/// count and it does not fire.
/// </para>
/// </summary>
internal sealed class FlatlineDetector(TimeSpan minQuiet, double minRatePerHour, SeasonalBaseline baseline)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromDays(7);
    public static readonly double SilenceExpectation = Math.Log(1000);

    private DateTimeOffset? _lastArrival;
    private long _prunedHour = -1;

    /// <summary>Whether a silence has fired and not yet ended.</summary>
    public bool Silent { get; private set; }

    /// <summary>
    /// Seeds from hourly history. The last arrival is taken as the end of the last hour with data (or
    /// <paramref name="now"/>): at or after the true one, so a silence is never overstated.
    /// </summary>
    public void Seed(IEnumerable<HourCount> hours, DateTimeOffset now)
    {
        DateTimeOffset? last = null;
        foreach (var (hour, count) in hours)
        {
            baseline.Add(hour, count);
            baseline.Observe(hour);
            if (count > 0 && (last is null || hour > last)) last = hour;
        }
        var lastEnd = last + TimeSpan.FromHours(1);
        _lastArrival = lastEnd is { } end && end < now ? end : now;
        baseline.Observe(now);
    }

    /// <summary>A silence whose alert is still open after a restart: resolve it on the next arrival, do not fire again.</summary>
    public void Resume() => Silent = true;

    /// <summary>One arrival; true when it ends a silence that fired.</summary>
    public bool Arrive(DateTimeOffset arrival)
    {
        baseline.Add(arrival);
        baseline.Observe(arrival);
        if (_lastArrival is null || arrival > _lastArrival) _lastArrival = arrival;
        var ended = Silent;
        Silent = false;
        return ended;
    }

    public FlatlineStep? Tick(DateTimeOffset now)
    {
        baseline.Observe(now);
        _lastArrival ??= now;
        if (SeasonalBaseline.HourOf(now) != _prunedHour)
        {
            baseline.Prune(now);
            _prunedHour = SeasonalBaseline.HourOf(now);
        }
        if (Silent) return null;
        var since = _lastArrival.Value;
        var silence = now - since;
        if (silence < minQuiet || now - baseline.ObservedSince < WarmUp) return null;

        var estimate = baseline.Estimate(since, now, now);
        if (estimate.SeasonalLow is not { } low) return null;
        var expected = Math.Min(estimate.Blend ?? low, low);
        var rate = expected / silence.TotalHours;
        if (rate < minRatePerHour || expected < SilenceExpectation) return null;
        Silent = true;
        return new FlatlineStep(since, silence, rate);
    }
}

/// <summary>A silence that fired: no arrival since <see cref="LastArrival"/>, where about <see cref="RatePerHour"/> were usual.</summary>
internal sealed record FlatlineStep(DateTimeOffset LastArrival, TimeSpan Silence, double RatePerHour);
