namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// Hourly counts of one target and the time since which they were observed, answering "how many would be usual in
/// this period": the same period in each of the last <c>BaselineWeeks</c> weeks that were observed (seasonal: it
/// carries the daily and weekly rhythm), and the hourly average of the last <c>RecentHours</c> hours before the
/// period (recent: it carries the current level). Pure: no clock, no I/O.
/// </summary>
internal sealed class SeasonalBaseline(int baselineWeeks, int recentHours, double seasonalWeight)
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private readonly Dictionary<long, long> _hours = [];

    /// <summary>Earliest time observed (first seeded hour, first tick or arrival); hours before it are unknown, not zero.</summary>
    public DateTimeOffset? ObservedSince { get; private set; }

    /// <summary>How far back the counts are kept: the oldest seasonal week plus a day for long periods.</summary>
    public TimeSpan Retention => Week * baselineWeeks + TimeSpan.FromDays(2);

    public void Observe(DateTimeOffset time)
    {
        if (ObservedSince is not { } since || time < since) ObservedSince = time;
    }

    public void Add(DateTimeOffset time, long count = 1)
    {
        var hour = HourOf(time);
        _hours[hour] = _hours.GetValueOrDefault(hour) + count;
    }

    public void Prune(DateTimeOffset now)
    {
        var oldest = HourOf(now - Retention);
        foreach (var hour in _hours.Keys.Where(h => h < oldest).ToList()) _hours.Remove(hour);
    }

    /// <summary>
    /// Usual count in [<paramref name="start"/>, <paramref name="end"/>). The recent average uses only hours that end
    /// by <paramref name="finalBefore"/> as well as before the period, so buckets still open to late posts do not
    /// drag it down.
    /// </summary>
    public BaselineEstimate Estimate(DateTimeOffset start, DateTimeOffset end, DateTimeOffset finalBefore)
    {
        if (ObservedSince is not { } since) return new BaselineEstimate(null, null, null, seasonalWeight);
        double seasonalSum = 0;
        var weeks = 0;
        for (var k = 1; k <= baselineWeeks && start - Week * k >= since; k++, weeks++)
            seasonalSum += Sum(start - Week * k, end - Week * k);

        var recentEnd = FloorHour(start < finalBefore ? start : finalBefore);
        var recentStart = recentEnd - TimeSpan.FromHours(recentHours);
        var observedFrom = CeilHour(since);
        if (recentStart < observedFrom) recentStart = observedFrom;
        var hours = (recentEnd - recentStart).TotalHours;
        double? recent = hours >= 1 ? Sum(recentStart, recentEnd) / hours * (end - start).TotalHours : null;

        if (weeks == 0) return new BaselineEstimate(null, null, recent, seasonalWeight);
        // The weeks' total is a Poisson count and its square root has a standard deviation of about 1/2, so one
        // below the root is a lower bound about two standard deviations down.
        var low = Math.Pow(Math.Max(0, Math.Sqrt(seasonalSum) - 1), 2) / weeks;
        return new BaselineEstimate(seasonalSum / weeks, low, recent, seasonalWeight);
    }

    /// <summary>Counts in [from, to), an hour that overlaps partly counted in proportion.</summary>
    private double Sum(DateTimeOffset from, DateTimeOffset to)
    {
        double sum = 0;
        for (var hour = HourOf(from); StartOf(hour) < to; hour++)
        {
            if (!_hours.TryGetValue(hour, out var count)) continue;
            var hourStart = StartOf(hour);
            var overlapStart = from > hourStart ? from : hourStart;
            var overlapEnd = to < hourStart + TimeSpan.FromHours(1) ? to : hourStart + TimeSpan.FromHours(1);
            sum += count * (overlapEnd - overlapStart).TotalHours;
        }
        return sum;
    }

    public static long HourOf(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerHour;

    public static DateTimeOffset StartOf(long hour) => new(hour * TimeSpan.TicksPerHour, TimeSpan.Zero);

    private static DateTimeOffset FloorHour(DateTimeOffset time) => StartOf(HourOf(time));

    private static DateTimeOffset CeilHour(DateTimeOffset time) =>
        time.UtcTicks % TimeSpan.TicksPerHour == 0 ? time : StartOf(HourOf(time) + 1);
}

/// <summary>
/// The usual count of a period: seasonal (null before a past week was observed) with a lower bound for its sampling
/// noise, (√(weeks × seasonal) − 1)² / weeks, and recent (null before an hour was observed).
/// </summary>
internal sealed record BaselineEstimate(double? Seasonal, double? SeasonalLow, double? Recent, double SeasonalWeight)
{
    /// <summary>SeasonalWeight × seasonal + (1 − SeasonalWeight) × recent; either alone while the other is missing.</summary>
    public double? Blend => (Seasonal, Recent) switch
    {
        ({ } s, { } r) => SeasonalWeight * s + (1 - SeasonalWeight) * r,
        ({ } s, null) => s,
        (null, { } r) => r,
        _ => null,
    };
}
