using System.Globalization;

namespace MentionWatch.Server.Alerting.Routing;

/// <summary>
/// Local hours on some days of the week in an IANA time zone (<c>Europe/Moscow</c>, <c>America/New_York</c>):
/// business hours, or quiet hours. <see cref="Start"/> later than <see cref="End"/> spans midnight; the day named is the
/// day the window starts.
/// </summary>
internal sealed class TimeWindow
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private TimeWindow(TimeZoneInfo zone, TimeOnly start, TimeOnly end, IReadOnlySet<DayOfWeek> days) =>
        (Zone, Start, End, Days) = (zone, start, end, days);

    public TimeZoneInfo Zone { get; }
    public TimeOnly Start { get; }
    public TimeOnly End { get; }
    public IReadOnlySet<DayOfWeek> Days { get; }

    /// <summary>Parses the parts; problems are (field, message) pairs, none when it parsed.</summary>
    public static TimeWindow? Parse(string? timeZone, string? start, string? end, IReadOnlyList<string>? days, List<(string Field, string Message)> problems)
    {
        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(timeZone)) problems.Add(("TimeZone", "TimeZone is required (an IANA name such as Europe/Berlin)."));
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out zone))
            problems.Add(("TimeZone", $"TimeZone '{timeZone}' is not a known IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)."));
        var from = Time(start, "Start", problems);
        var to = Time(end, "End", problems);
        var daySet = new HashSet<DayOfWeek>();
        foreach (var day in days ?? [])
        {
            var name = (day ?? "").Trim().ToLowerInvariant();
            var index = name.Length >= 3 ? Array.IndexOf(DayNames, name[..3]) : -1;
            if (index < 0) problems.Add(("Days", $"Days: '{day}' is not a day; use mon, tue, wed, thu, fri, sat, sun."));
            else daySet.Add((DayOfWeek)index);
        }
        if (from is not null && to is not null && from == to) problems.Add(("End", "End must differ from Start."));
        if (zone is null || from is null || to is null || from == to) return null;
        if (daySet.Count == 0) daySet = [.. Enum.GetValues<DayOfWeek>()];
        return new TimeWindow(zone, from.Value, to.Value, daySet);
    }

    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        if (Start < End) return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
        // Overnight: the evening part belongs to today, the morning part to the day before.
        if (time >= Start) return Days.Contains(local.DayOfWeek);
        return time < End && Days.Contains(local.AddDays(-1).DayOfWeek);
    }

    private static TimeOnly? Time(string? text, string field, List<(string, string)> problems)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        problems.Add((field, $"{field} '{text}' must be a local time HH:mm, e.g. 09:00."));
        return null;
    }
}
