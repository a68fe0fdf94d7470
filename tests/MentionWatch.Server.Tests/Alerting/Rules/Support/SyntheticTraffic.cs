namespace MentionWatch.Server.Tests.Alerting.Rules.Support;

/// <summary>
/// Mentions per hour with a daily rhythm (quiet nights, a busy afternoon) and a weekly one (weekends at 60%),
/// and Poisson counts drawn from a seeded random source so every run sees the same stream.
/// </summary>
internal sealed class SyntheticTraffic(double nightPerHour, double peakPerHour, int seed = 20261201)
{
    private readonly Random _random = new(seed);

    public double RatePerHour(DateTimeOffset time)
    {
        var hour = time.UtcDateTime.TimeOfDay.TotalHours;
        var day = hour is > 7 and < 22 ? Math.Sin(Math.PI * (hour - 7) / 15) : 0;
        var weekend = time.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
        return weekend * (nightPerHour + (peakPerHour - nightPerHour) * day);
    }

    /// <summary>A Poisson count with mean <paramref name="mean"/> (Knuth; the means here are small).</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var product = _random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= _random.NextDouble();
        }
        return count;
    }

    /// <summary>Seconds into a minute, for spreading one minute's posts.</summary>
    public int Second() => _random.Next(60);
}
