using MentionWatch.Server.Alerting.Routing;

namespace MentionWatch.Server.Support;

/// <summary>
/// Time counted only inside business hours (a <see cref="TimeWindow"/>): how long a reply took in working time, and
/// when an SLA of N working minutes runs out. Walks the window's occurrences day by day in its time zone.
/// </summary>
internal static class BusinessClock
{
    /// <summary>Working time between two instants; wall-clock time when <paramref name="hours"/> is null.</summary>
    public static TimeSpan Elapsed(TimeWindow? hours, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        if (hours is null) return to - from;
        var total = TimeSpan.Zero;
        foreach (var (start, end) in Occurrences(hours, from, to))
        {
            var s = start > from ? start : from;
            var e = end < to ? end : to;
            if (e > s) total += e - s;
        }
        return total;
    }

    /// <summary>The instant at which <paramref name="budget"/> of working time after <paramref name="from"/> has passed.</summary>
    public static DateTimeOffset Add(TimeWindow? hours, DateTimeOffset from, TimeSpan budget)
    {
        if (hours is null) return from + budget;
        var left = budget;
        // Look ahead a year at most: a window that never opens (no days) would otherwise loop forever.
        foreach (var (start, end) in Occurrences(hours, from, from.AddDays(366)))
        {
            var s = start > from ? start : from;
            if (end <= s) continue;
            if (end - s >= left) return s + left;
            left -= end - s;
        }
        return DateTimeOffset.MaxValue;
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(TimeWindow hours, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = hours.Zone;
        // Start a day early: an overnight window that began yesterday may still be open.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime);
        for (; day <= last; day = day.AddDays(1))
        {
            if (!hours.Days.Contains(day.DayOfWeek)) continue;
            var start = Utc(zone, day.ToDateTime(hours.Start));
            var endDay = hours.Start < hours.End ? day : day.AddDays(1);
            var end = Utc(zone, endDay.ToDateTime(hours.End));
            yield return (start, end);
        }
    }

    private static DateTimeOffset Utc(TimeZoneInfo zone, DateTime local)
    {
        // A local time skipped by a DST change starts the window an hour later.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
