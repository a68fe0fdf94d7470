namespace MentionWatch.Server.Alerting.Rules;

/// <summary><c>spike</c>: a watch's negative or needs-reply volume far above what is usual for the hour of the week.</summary>
internal sealed class SpikeAlertRuleType : IAlertRuleType
{
    public const string Name = "spike";

    public string Type => Name;

    public IEnumerable<RuleProblem> Validate(AlertRuleDefinition definition)
    {
        var d = definition;
        if (d.AllWatches().Count == 0)
            yield return new(nameof(d.Watches), "A spike rule needs at least one watch (Watch or Watches).");
        if (SpikeMetric.Canonical(d.Metric) is null)
            yield return new(nameof(d.Metric), $"Metric must be negative or needsReply (was '{d.Metric}').");
        if (d.WindowMinutes is < 1 or > 1440)
            yield return new(nameof(d.WindowMinutes), "WindowMinutes must be between 1 and 1440.");
        if (d.MinCount < 1)
            yield return new(nameof(d.MinCount), "MinCount must be at least 1.");
        if (!(d.Sensitivity > 1))
            yield return new(nameof(d.Sensitivity), "Sensitivity must be greater than 1.");
        if (d.BaselineWeeks is < 1 or > 12)
            yield return new(nameof(d.BaselineWeeks), "BaselineWeeks must be between 1 and 12.");
        if (d.RecentHours is < 1 or > 336)
            yield return new(nameof(d.RecentHours), "RecentHours must be between 1 and 336.");
        if (!(d.SeasonalWeight is >= 0 and <= 1))
            yield return new(nameof(d.SeasonalWeight), "SeasonalWeight must be between 0 and 1.");
        if (d.LatenessSeconds is < 0 or > 86_400)
            yield return new(nameof(d.LatenessSeconds), "LatenessSeconds must be between 0 and 86400.");
    }

    public IAlertRule Create(string name, AlertRuleDefinition definition, TimeProvider time) =>
        new SpikeAlertRule(name, definition, time);
}

/// <summary>The spike metrics: which mentions count.</summary>
internal static class SpikeMetric
{
    public const string Negative = "negative";
    public const string NeedsReply = "needsReply";

    /// <summary>The metric as <see cref="IAlertHistory"/> spells it, or null when unknown.</summary>
    public static string? Canonical(string? metric) => metric?.Trim() switch
    {
        { } m when m.Equals(Negative, StringComparison.OrdinalIgnoreCase) => Negative,
        { } m when m.Equals(NeedsReply, StringComparison.OrdinalIgnoreCase) => NeedsReply,
        _ => null,
    };

    public static bool Counts(string metric, Core.Domain.Mention mention) => metric == NeedsReply
        ? mention.NeedsReply.Value
        : string.Equals(mention.Sentiment.Label, Negative, StringComparison.OrdinalIgnoreCase);

    public static string Describe(string metric) => metric == NeedsReply ? "needs-reply" : "negative";
}
