using MentionWatch.Server.Alerting.Routing;

namespace MentionWatch.Server.Support;

/// <summary>
/// <c>Teams:&lt;name&gt;</c>: which new needs-reply mentions a support team takes (a query, optionally narrowed to a
/// language and a watch), and its business hours for SLA clocks and response-time figures.
/// </summary>
public sealed class TeamDefinition
{
    /// <summary>Query language; required.</summary>
    public string? Query { get; set; }
    public string? Lang { get; set; }
    public string? Watch { get; set; }
    /// <summary>Teams are tried by Order, then in the order configuration lists them (by name); the first match takes the mention.</summary>
    public int Order { get; set; }
    public ScheduleDefinition? BusinessHours { get; set; }
}
