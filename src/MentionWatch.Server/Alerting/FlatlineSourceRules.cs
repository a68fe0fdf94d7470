using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Alerting.Rules;
using MentionWatch.Server.Sources;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Alerting;

/// <summary>
/// <c>Sources:FlatlineAlerts</c>: with at least one notifier in <c>Notify</c>, one <c>flatline</c> rule per enabled
/// source (<c>Source={name}</c>, named <c>source-flatline-{name}</c>) is added to the rules loaded at start, so a
/// source that usually delivers and goes quiet raises an alert. A configured rule of the same name wins.
/// </summary>
public sealed class FlatlineSourceAlertOptions
{
    public const string Section = "Sources:FlatlineAlerts";

    public List<string> Notify { get; set; } = [];

    [Range(1, 7 * 24 * 60)]
    public int MinQuietMinutes { get; set; } = 60;

    [Range(0.01, 1_000_000)]
    public double MinRatePerHour { get; set; } = 1;

    public string Severity { get; set; } = "warning";
}

/// <summary>Generates the per-source flatline rule definitions from <see cref="FlatlineSourceAlertOptions"/>.</summary>
internal sealed class FlatlineSourceRules(IOptions<FlatlineSourceAlertOptions> options, EnabledSources sources)
{
    public const string Origin = "sources";
    public const string Prefix = "source-flatline-";

    public IReadOnlyDictionary<string, AlertRuleDefinition> Definitions()
    {
        var o = options.Value;
        if (o.Notify.Count == 0) return new Dictionary<string, AlertRuleDefinition>();
        return sources.Names().ToDictionary(name => Prefix + name, name => Definition(o, name), StringComparer.OrdinalIgnoreCase);
    }

    internal static AlertRuleDefinition Definition(FlatlineSourceAlertOptions o, string source) => new()
    {
        Type = FlatlineAlertRuleType.Name,
        Source = source,
        Notify = [.. o.Notify],
        MinQuietMinutes = o.MinQuietMinutes,
        MinRatePerHour = o.MinRatePerHour,
        Severity = o.Severity,
    };
}

/// <summary>Checks the generated rule shape (notifiers exist, severity, ranges) at start, with the full keys.</summary>
internal sealed class FlatlineSourceAlertOptionsValidator(IConfiguration configuration, AlertRuleCompiler compiler) : IValidateOptions<FlatlineSourceAlertOptions>
{
    public ValidateOptionsResult Validate(string? name, FlatlineSourceAlertOptions options)
    {
        if (options.Notify.Count == 0) return ValidateOptionsResult.Success;
        var notifiers = new HashSet<string>(configuration.GetSection("Alerts:Notifiers").GetChildren().Select(c => c.Key), StringComparer.OrdinalIgnoreCase);
        var problems = compiler.Validate("source-flatline", FlatlineSourceRules.Definition(options, "any"), notifiers)
            .Select(p => $"{FlatlineSourceAlertOptions.Section}:{p.Field}: {p.Message}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
