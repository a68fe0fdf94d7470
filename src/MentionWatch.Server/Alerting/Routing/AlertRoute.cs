using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting.Routing;

/// <summary>
/// <c>Alerts:Routes:&lt;name&gt;</c>: send alerts of some rules / watches at or above a severity to more notifiers,
/// optionally only inside a schedule (business hours against 24/7 on-call). Empty lists match everything.
/// </summary>
public sealed class AlertRouteDefinition
{
    public List<string> Rules { get; set; } = [];
    public List<string> Watches { get; set; } = [];
    /// <summary>Support teams (<c>Teams:&lt;name&gt;</c>): the route applies when one of the alert's mentions is assigned to one of them.</summary>
    public List<string> Teams { get; set; } = [];
    public string MinSeverity { get; set; } = "info";
    public List<string> Notify { get; set; } = [];
    public ScheduleDefinition? Schedule { get; set; }
}

/// <summary>When a route applies: local hours on some days in an IANA time zone.</summary>
public sealed class ScheduleDefinition
{
    public string? TimeZone { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public List<string> Days { get; set; } = [];
}

/// <summary>A validated route.</summary>
internal sealed record AlertRoute(string Name, IReadOnlySet<string> Rules, IReadOnlySet<string> Watches, AlertSeverity MinSeverity,
    IReadOnlyList<string> Notify, TimeWindow? Schedule)
{
    public IReadOnlySet<string> Teams { get; init; } = new HashSet<string>();

    public bool Applies(Alert alert, DateTimeOffset now) =>
        (Rules.Count == 0 || Rules.Contains(alert.Rule)) &&
        (Watches.Count == 0 || (alert.Watch is not null && Watches.Contains(alert.Watch))) &&
        (Teams.Count == 0 || alert.Mentions.Any(m => m.Team is not null && Teams.Contains(m.Team))) &&
        alert.Severity >= MinSeverity &&
        (Schedule is null || Schedule.Contains(now));
}
