using System.Text.Json;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Alerting.Routing;
using MentionWatch.Server.Alerting.Rules;

namespace MentionWatch.Server.Alerting;

/// <summary>
/// The rules in force (from configuration, read-only, and from the API, stored), the routes, and the configured
/// notifiers. Configuration was validated at start by <see cref="AlertingConfigurationValidator"/>.
/// </summary>
internal sealed class AlertRuleSet(
    IConfiguration configuration, AlertRuleCompiler compiler, IAlertStore store, NotifierRegistry notifiers,
    FlatlineSourceRules sourceFlatlines)
{
    public const string ConfigurationOrigin = "configuration";
    public const string ApiOrigin = "api";

    public AlertRouter Router { get; } = new(AlertingConfigurationValidator.ReadRoutes(configuration).Routes);

    public IReadOnlySet<string> NotifierNames => notifiers.Names;

    /// <summary>Rules defined in configuration, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, AlertRuleDefinition> ConfiguredRules { get; } = AlertingConfigurationValidator.ReadRules(configuration).Rules;

    /// <summary>Flatline rules generated per enabled source (<c>Sources:FlatlineAlerts</c>), by name; configured rules of the same name win.</summary>
    public IReadOnlyDictionary<string, AlertRuleDefinition> SourceRules =>
        sourceFlatlines.Definitions().Where(r => !ConfiguredRules.ContainsKey(r.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every enabled rule, compiled fresh (rules keep state, so each load gets new instances).</summary>
    public async Task<IReadOnlyList<CompiledRule>> LoadAsync(CancellationToken cancellationToken)
    {
        var rules = new List<CompiledRule>();
        foreach (var (name, definition) in ConfiguredRules) Add(rules, name, ConfigurationOrigin, definition);
        // Generated per enabled source (Sources:FlatlineAlerts); a configured rule of the same name wins.
        foreach (var (name, definition) in SourceRules) Add(rules, name, FlatlineSourceRules.Origin, definition);

        foreach (var (name, json) in await store.ListRulesAsync(cancellationToken))
        {
            if (ConfiguredRules.ContainsKey(name)) continue;
            var definition = JsonSerializer.Deserialize<AlertRuleDefinition>(json, AlertRuleJson.Options);
            if (definition is not null) Add(rules, name, ApiOrigin, definition);
        }
        return rules;
    }

    private void Add(List<CompiledRule> rules, string name, string origin, AlertRuleDefinition definition)
    {
        if (!definition.Enabled) return;
        // A stored rule can name a notifier since removed from configuration: it is skipped, not fatal.
        var (rule, _) = compiler.Compile(name, origin, definition, notifiers.Names);
        if (rule is not null) rules.Add(rule);
    }
}

/// <summary>How rule definitions are stored and read over the API.</summary>
internal static class AlertRuleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
