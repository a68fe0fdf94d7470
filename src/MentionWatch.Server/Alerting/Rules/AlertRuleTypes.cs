namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// The rule types by name (<c>mention</c>, <c>spike</c>, <c>flatline</c>), looked up case-insensitively so a rule
/// written as <c>Type: Spike</c> in configuration finds its type.
/// </summary>
internal sealed class AlertRuleTypes
{
    private readonly Dictionary<string, IAlertRuleType> _types = new(StringComparer.OrdinalIgnoreCase);

    public AlertRuleTypes(IEnumerable<IAlertRuleType> types)
    {
        foreach (var type in types)
            if (!_types.TryAdd(type.Type, type))
                throw new ArgumentException($"Alert rule type '{type.Type}' is registered twice.", nameof(types));
        Names = _types.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Registered type names, sorted, for error messages ("Type must be one of ...").</summary>
    public IReadOnlyCollection<string> Names { get; }

    public bool TryGet(string type, out IAlertRuleType ruleType)
    {
        ruleType = null!;
        return type is not null && _types.TryGetValue(type.Trim(), out ruleType!);
    }
}
