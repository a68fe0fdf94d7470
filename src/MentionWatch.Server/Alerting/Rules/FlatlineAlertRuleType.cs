namespace MentionWatch.Server.Alerting.Rules;

/// <summary><c>flatline</c>: a watch or a source that usually delivers has gone quiet.</summary>
internal sealed class FlatlineAlertRuleType : IAlertRuleType
{
    public const string Name = "flatline";

    public string Type => Name;

    public IEnumerable<RuleProblem> Validate(AlertRuleDefinition definition)
    {
        var d = definition;
        if (d.AllWatches().Count == 0 && string.IsNullOrWhiteSpace(d.Source))
            yield return new(nameof(d.Watches), "A flatline rule needs a watch (Watch or Watches) or a Source.");
        if (d.MinQuietMinutes < 1)
            yield return new(nameof(d.MinQuietMinutes), "MinQuietMinutes must be at least 1.");
        if (!(d.MinRatePerHour > 0))
            yield return new(nameof(d.MinRatePerHour), "MinRatePerHour must be greater than 0.");
        if (d.BaselineWeeks is < 1 or > 12)
            yield return new(nameof(d.BaselineWeeks), "BaselineWeeks must be between 1 and 12.");
        if (d.RecentHours is < 1 or > 336)
            yield return new(nameof(d.RecentHours), "RecentHours must be between 1 and 336.");
        if (!(d.SeasonalWeight is >= 0 and <= 1))
            yield return new(nameof(d.SeasonalWeight), "SeasonalWeight must be between 0 and 1.");
    }

    public IAlertRule Create(string name, AlertRuleDefinition definition, TimeProvider time) =>
        new FlatlineAlertRule(name, definition, time);
}
