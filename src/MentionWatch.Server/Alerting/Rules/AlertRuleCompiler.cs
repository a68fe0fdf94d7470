using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting.Routing;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// Validates a rule definition (the fields every type shares, then the type's own) and builds it. Used for
/// configuration at start and for the API, so both report the same problems in the same words.
/// </summary>
internal sealed class AlertRuleCompiler(AlertRuleTypes types, TimeProvider time)
{
    private static readonly string[] GroupByNames = ["none", "watch", "author", "conversation"];

    public IReadOnlyList<RuleProblem> Validate(string name, AlertRuleDefinition definition, IReadOnlySet<string> notifiers) =>
        Compile(name, "api", definition, notifiers, build: false).Problems;

    public (CompiledRule? Rule, IReadOnlyList<RuleProblem> Problems) Compile(
        string name, string origin, AlertRuleDefinition definition, IReadOnlySet<string> notifiers, bool build = true)
    {
        var problems = new List<RuleProblem>();
        if (!RuleNames.Pattern().IsMatch(name ?? ""))
            problems.Add(new("Name", $"name '{name}' must be 1-64 letters, digits, '-' or '_', starting with a letter or digit."));
        IAlertRuleType? type = null;
        if (string.IsNullOrWhiteSpace(definition.Type))
            problems.Add(new("Type", $"Type is required: one of {string.Join(", ", types.Names)}."));
        else if (!types.TryGet(definition.Type.Trim(), out type))
            problems.Add(new("Type", $"Type '{definition.Type}' is not a rule type; use one of {string.Join(", ", types.Names)}."));

        var severity = ParseSeverity(definition.Severity, "Severity", problems);
        var groupIndex = Array.IndexOf(GroupByNames, (definition.GroupBy ?? "").Trim().ToLowerInvariant());
        if (groupIndex < 0) problems.Add(new("GroupBy", $"GroupBy '{definition.GroupBy}' must be one of: {string.Join(", ", GroupByNames)}."));
        if (definition.RealertSeconds < 0) problems.Add(new("RealertSeconds", "RealertSeconds must not be negative."));
        if (definition.UpdateIntervalSeconds < 1) problems.Add(new("UpdateIntervalSeconds", "UpdateIntervalSeconds must be at least 1."));
        if (definition.EscalateFollowers < 0) problems.Add(new("EscalateFollowers", "EscalateFollowers must not be negative."));
        if (definition.EscalateBurst < 1) problems.Add(new("EscalateBurst", "EscalateBurst must be at least 1."));
        CheckNotifiers(definition.Notify, "Notify", notifiers, problems);
        if (definition.EscalateAfterMinutes is { } minutes)
        {
            if (minutes < 1) problems.Add(new("EscalateAfterMinutes", "EscalateAfterMinutes must be at least 1."));
            if (definition.EscalateTo.Count == 0) problems.Add(new("EscalateTo", "EscalateTo must name at least one notifier when EscalateAfterMinutes is set."));
        }
        CheckNotifiers(definition.EscalateTo, "EscalateTo", notifiers, problems);

        TimeWindow? quiet = null;
        if (definition.QuietHours is { } q)
        {
            var windowProblems = new List<(string Field, string Message)>();
            quiet = TimeWindow.Parse(q.TimeZone, q.Start, q.End, q.Days, windowProblems);
            problems.AddRange(windowProblems.Select(p => new RuleProblem("QuietHours:" + p.Field, p.Message)));
            if (q.Notify.Count == 0) problems.Add(new("QuietHours:Notify", "QuietHours:Notify must name the notifiers used during quiet hours."));
            CheckNotifiers(q.Notify, "QuietHours:Notify", notifiers, problems);
        }

        if (type is not null) problems.AddRange(type.Validate(definition));
        if (problems.Count > 0 || !build) return (null, problems);
        var rule = type!.Create(name!, definition, time);
        return (new CompiledRule(name!, origin, definition, rule, severity, (GroupBy)groupIndex, quiet), problems);
    }

    internal static AlertSeverity ParseSeverity(string? text, string field, List<RuleProblem> problems)
    {
        if (Enum.TryParse<AlertSeverity>(text?.Trim(), ignoreCase: true, out var severity) && Enum.IsDefined(severity)
            && !int.TryParse(text, out _))
            return severity;
        problems.Add(new(field, $"{field} '{text}' must be one of: info, warning, critical."));
        return AlertSeverity.Warning;
    }

    private static void CheckNotifiers(IEnumerable<string> names, string field, IReadOnlySet<string> notifiers, List<RuleProblem> problems)
    {
        foreach (var name in names)
            if (!notifiers.Contains(name ?? ""))
                problems.Add(new(field, notifiers.Count == 0
                    ? $"{field}: notifier '{name}' is not configured; no notifiers are configured under Alerts:Notifiers."
                    : $"{field}: notifier '{name}' is not configured; known: {string.Join(", ", notifiers.Order(StringComparer.OrdinalIgnoreCase))}."));
    }
}
