using MentionWatch.Server.Alerting.Routing;
using MentionWatch.Server.Support;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary><c>sla</c>: a needs-reply mention that nobody answered, resolved or ignored within <c>SlaMinutes</c>.</summary>
internal sealed class SlaAlertRuleType(IServiceProvider services) : IAlertRuleType
{
    public const string Name = "sla";

    public string Type => Name;

    public IEnumerable<RuleProblem> Validate(AlertRuleDefinition definition)
    {
        if (definition.SlaMinutes is not { } minutes) yield return new(nameof(definition.SlaMinutes), "An sla rule needs SlaMinutes (1-43200).");
        else if (minutes is < 1 or > 43_200) yield return new(nameof(definition.SlaMinutes), "SlaMinutes must be between 1 and 43200.");
        var teams = services.GetService<TeamRouter>();
        foreach (var team in definition.Teams.Where(t => teams?.Find(t) is null))
            yield return new(nameof(definition.Teams), $"Teams: '{team}' is not a team of Teams:<name>.");
        if (definition.BusinessHours is { } b)
        {
            var problems = new List<(string Field, string Message)>();
            TimeWindow.Parse(b.TimeZone, b.Start, b.End, b.Days, problems);
            foreach (var (field, message) in problems) yield return new("BusinessHours:" + field, message);
        }
    }

    public IAlertRule Create(string name, AlertRuleDefinition definition, TimeProvider time)
    {
        var b = definition.BusinessHours;
        var hours = b is null ? null : TimeWindow.Parse(b.TimeZone, b.Start, b.End, b.Days, []);
        return new SlaAlertRule(name, definition, hours, services.GetService<TeamRouter>(), time);
    }
}
