using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting.Routing;

namespace MentionWatch.Server.Tests.Alerting.Routing;

[TestFixture]
public sealed class TimeWindowTests
{
    private static TimeWindow Parse(string zone, string start, string end, params string[] days)
    {
        var problems = new List<(string, string)>();
        var window = TimeWindow.Parse(zone, start, end, days, problems);
        Assert.That(problems, Is.Empty);
        return window!;
    }

    [Test]
    public void Contains_BusinessHoursInMoscow_JudgedOnLocalTime()
    {
        var business = Parse("Europe/Moscow", "09:00", "18:00", "mon", "tue", "wed", "thu", "fri");
        // 2026-12-01 is a Tuesday; Moscow is UTC+3.
        Assert.That(business.Contains(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero)), Is.True, "09:00 local");
        Assert.That(business.Contains(new DateTimeOffset(2026, 12, 1, 5, 59, 0, TimeSpan.Zero)), Is.False, "08:59 local");
        Assert.That(business.Contains(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero)), Is.False, "18:00 local is outside");
        Assert.That(business.Contains(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero)), Is.False, "Saturday");
    }

    [Test]
    public void Contains_Overnight_MorningBelongsToTheDayBefore()
    {
        var nights = Parse("Etc/UTC", "22:00", "07:00", "fri");
        Assert.That(nights.Contains(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero)), Is.True, "Friday 23:00");
        Assert.That(nights.Contains(new DateTimeOffset(2026, 12, 5, 6, 30, 0, TimeSpan.Zero)), Is.True, "Saturday 06:30 is Friday night");
        Assert.That(nights.Contains(new DateTimeOffset(2026, 12, 5, 23, 0, 0, TimeSpan.Zero)), Is.False, "Saturday night is not listed");
        Assert.That(nights.Contains(new DateTimeOffset(2026, 12, 4, 6, 30, 0, TimeSpan.Zero)), Is.False, "Friday 06:30 is Thursday night");
    }

    [Test]
    public void Parse_BadParts_ListsEveryProblem()
    {
        var problems = new List<(string Field, string Message)>();
        var window = TimeWindow.Parse("Mars/Olympus", "25:00", "7am", ["someday"], problems);
        Assert.That(window, Is.Null);
        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[] { "TimeZone", "Start", "End", "Days" }));
    }

    [Test]
    public void Route_Schedule_AppliesOnlyInside()
    {
        var route = new AlertRoute("business", new HashSet<string>(), new HashSet<string>(), AlertSeverity.Info, ["team"],
            Parse("Etc/UTC", "09:00", "17:00"));
        var alert = new Alert(1, "r", "mention", "acme", "g", AlertState.Open, AlertSeverity.Warning, 1, "t", "s",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, []);
        Assert.That(route.Applies(alert, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)), Is.True);
        Assert.That(route.Applies(alert, new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero)), Is.False);
        Assert.That(route.Applies(alert with { Severity = AlertSeverity.Info }, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)), Is.True);
    }
}
