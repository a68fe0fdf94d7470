using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// A rule type keyed by <see cref="Type"/> (the way ElastAlert2 keys its rule types): validates the fields it
/// reads and builds the rule. Shared fields (type, notify, severity, grouping, quiet hours) are validated by the engine.
/// </summary>
public interface IAlertRuleType
{
    string Type { get; }

    IEnumerable<RuleProblem> Validate(AlertRuleDefinition definition);

    IAlertRule Create(string name, AlertRuleDefinition definition, TimeProvider time);
}

/// <summary>One thing wrong with a rule: <see cref="Field"/> is the definition's property name (<c>Sensitivity</c>).</summary>
public sealed record RuleProblem(string Field, string Message);

/// <summary>
/// A live rule. The engine feeds it every stored mention in arrival order and ticks it on the injected clock;
/// the rule answers with signals and the engine turns them into alerts (grouping, throttling, storage, routing).
/// Rules keep their own state in memory and rebuild it from <see cref="IAlertHistory"/> at start.
/// Calls are never concurrent.
/// </summary>
public interface IAlertRule
{
    string Name { get; }

    AlertRuleDefinition Definition { get; }

    /// <summary>Called once before any mention: history to seed baselines, and the groups whose alerts are still open.</summary>
    Task InitializeAsync(IAlertHistory history, IReadOnlyCollection<string> openGroups, CancellationToken cancellationToken);

    void OnMention(Mention mention, ICollection<AlertSignal> signals);

    void OnTick(DateTimeOffset now, ICollection<AlertSignal> signals);
}

public enum AlertSignalKind
{
    /// <summary>Open an alert for the group, or add to the open one.</summary>
    Fire,
    /// <summary>The open alert's figures changed (a spike grows); the engine throttles the notifications.</summary>
    Update,
    /// <summary>The condition ended: resolve the group's open alert.</summary>
    Resolve,
}

/// <summary>
/// What a rule says happened. <see cref="GroupKey"/> names the group within the rule (a watch, an author, a source);
/// <see cref="Mention"/> is set when one mention caused it; <see cref="Count"/> overrides the alert's count (a spike's
/// window volume) where the rule measures it itself.
/// </summary>
public sealed record AlertSignal(
    AlertSignalKind Kind,
    string GroupKey,
    string? Watch,
    string Title,
    string Summary,
    Mention? Mention = null,
    int? Count = null);

/// <summary>Past volume from the store, to seed baselines after a start.</summary>
public interface IAlertHistory
{
    /// <summary>
    /// Mentions per hour (by post time) in [<paramref name="from"/>, <paramref name="to"/>), hours without mentions
    /// left out. <paramref name="watch"/> null means all mentions; <paramref name="metric"/> is <c>all</c>,
    /// <c>negative</c> or <c>needsReply</c>; <paramref name="source"/> narrows to one source.
    /// </summary>
    Task<IReadOnlyList<HourCount>> HourlyCountsAsync(
        string? watch, string? source, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Needs-reply mentions posted since <paramref name="since"/> that are still open (new or assigned, no brand reply),
    /// oldest first: what a rule that tracks answers (sla) was tracking before a restart.
    /// </summary>
    Task<IReadOnlyList<Mention>> UnansweredAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Mention>>([]);
}

public sealed record HourCount(DateTimeOffset Hour, long Count);
