using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Alerting.Routing;
using MentionWatch.Server.Alerting.Rules;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Alerting;

/// <summary>
/// Checks the whole <c>Alerts</c> section at start (notifiers, rules, routes) and lists every problem with its full
/// key, so bad alerting configuration stops the start instead of failing at 3 a.m.
/// </summary>
internal sealed class AlertingConfigurationValidator(IConfiguration configuration, NotifierCatalog catalog, AlertRuleCompiler compiler)
    : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var problems = new List<string>();
        var notifiersSection = configuration.GetSection("Alerts:Notifiers");
        problems.AddRange(catalog.Validate(notifiersSection, new NotifierValidationContext(options.AllowPrivateTargets)));
        var notifierNames = new HashSet<string>(notifiersSection.GetChildren().Select(c => c.Key), StringComparer.OrdinalIgnoreCase);

        var (rules, ruleProblems) = ReadRules(configuration);
        problems.AddRange(ruleProblems);
        foreach (var (ruleName, definition) in rules)
            problems.AddRange(compiler.Validate(ruleName, definition, notifierNames).Select(p => $"Alerts:Rules:{ruleName}:{p.Field}: {p.Message}"));

        var (_, routeProblems) = ReadRoutes(configuration, notifierNames);
        problems.AddRange(routeProblems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Rules under <c>Alerts:Rules</c>; a key the definition does not have is a problem, not silently ignored.</summary>
    public static (Dictionary<string, AlertRuleDefinition> Rules, List<string> Problems) ReadRules(IConfiguration config)
    {
        var rules = new Dictionary<string, AlertRuleDefinition>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var section in config.GetSection("Alerts:Rules").GetChildren())
        {
            try
            {
                rules[section.Key] = section.Get<AlertRuleDefinition>(o => o.ErrorOnUnknownConfiguration = true) ?? new AlertRuleDefinition();
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"Alerts:Rules:{section.Key}: {ex.Message}");
            }
        }
        return (rules, problems);
    }

    public static (IReadOnlyList<AlertRoute> Routes, List<string> Problems) ReadRoutes(IConfiguration config, IReadOnlySet<string>? notifierNames = null)
    {
        notifierNames ??= new HashSet<string>(config.GetSection("Alerts:Notifiers").GetChildren().Select(c => c.Key), StringComparer.OrdinalIgnoreCase);
        var routes = new List<AlertRoute>();
        var problems = new List<string>();
        foreach (var section in config.GetSection("Alerts:Routes").GetChildren())
        {
            var prefix = $"Alerts:Routes:{section.Key}";
            AlertRouteDefinition definition;
            try
            {
                definition = section.Get<AlertRouteDefinition>(o => o.ErrorOnUnknownConfiguration = true) ?? new AlertRouteDefinition();
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{prefix}: {ex.Message}");
                continue;
            }
            var ruleProblems = new List<RuleProblem>();
            var severity = AlertRuleCompiler.ParseSeverity(definition.MinSeverity, "MinSeverity", ruleProblems);
            problems.AddRange(ruleProblems.Select(p => $"{prefix}:{p.Field}: {p.Message}"));
            if (definition.Notify.Count == 0) problems.Add($"{prefix}:Notify: a route must name at least one notifier.");
            foreach (var notifier in definition.Notify.Where(n => !notifierNames.Contains(n)))
                problems.Add($"{prefix}:Notify: notifier '{notifier}' is not configured under Alerts:Notifiers.");
            TimeWindow? schedule = null;
            if (definition.Schedule is { } s)
            {
                var windowProblems = new List<(string Field, string Message)>();
                schedule = TimeWindow.Parse(s.TimeZone, s.Start, s.End, s.Days, windowProblems);
                problems.AddRange(windowProblems.Select(p => $"{prefix}:Schedule:{p.Field}: {p.Message}"));
            }
            routes.Add(new AlertRoute(section.Key, new HashSet<string>(definition.Rules, StringComparer.OrdinalIgnoreCase),
                new HashSet<string>(definition.Watches, StringComparer.OrdinalIgnoreCase), severity, definition.Notify, schedule)
            {
                Teams = new HashSet<string>(definition.Teams, StringComparer.OrdinalIgnoreCase),
            });
        }
        return (routes, problems);
    }
}
