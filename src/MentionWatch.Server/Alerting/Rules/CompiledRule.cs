using System.Text.RegularExpressions;
using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting.Routing;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>A rule that passed validation: its definition, the live rule, and the parsed shared fields.</summary>
internal sealed record CompiledRule(
    string Name,
    string Origin,
    AlertRuleDefinition Definition,
    IAlertRule Rule,
    AlertSeverity Severity,
    GroupBy GroupBy,
    TimeWindow? QuietHours)
{
    /// <summary>Spike and flatline rules count volume they seed from the store's rollups at start.</summary>
    public bool CountsVolume => Definition.Type?.Trim().ToLowerInvariant() is "spike" or "flatline";

    /// <summary>The severity of an alert with <paramref name="count"/> mentions, one of whose authors has <paramref name="followers"/>.</summary>
    public AlertSeverity SeverityFor(int count, long? followers)
    {
        var raised = (Definition.EscalateFollowers is { } reach && followers >= reach) || (Definition.EscalateBurst is { } burst && count >= burst);
        return raised && Severity < AlertSeverity.Critical ? Severity + 1 : Severity;
    }
}

public enum GroupBy { None, Watch, Author, Conversation }

internal static partial class RuleNames
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    public static partial Regex Pattern();
}
