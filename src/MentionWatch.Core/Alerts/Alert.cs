namespace MentionWatch.Core.Alerts;

/// <summary>Where an alert is in its life: it pages when opened, a person acknowledges it, it ends resolved.</summary>
public enum AlertState { Open, Acknowledged, Resolved }

/// <summary>How urgently an alert wants a person; routes pick notifiers by it.</summary>
public enum AlertSeverity { Info, Warning, Critical }

/// <summary>What happened to an alert; each event is delivered once to every notifier its route names.</summary>
public enum AlertEventType { Triggered, Updated, Acknowledged, Resolved, Escalated }

/// <summary>The author of an alerting mention, as notifiers show it.</summary>
public sealed record AlertAuthor(string Handle, string? Name, long? Followers);

/// <summary>One mention inside an alert, with what a person needs to decide whether to answer it, and the support team it is assigned to.</summary>
public sealed record AlertMention(
    long Id,
    string Source,
    string ExternalId,
    string? Url,
    string Text,
    AlertAuthor Author,
    DateTimeOffset CreatedAt,
    string Sentiment,
    bool NeedsReply,
    float NeedsReplyProbability,
    string? Team = null);

/// <summary>
/// An alert as stored and as notifiers see it. <see cref="GroupKey"/> identifies the group it collects
/// (rule + watch, author or conversation); <see cref="Mentions"/> holds the newest mentions, newest first, at most a
/// handful, while <see cref="Count"/> counts them all.
/// </summary>
public sealed record Alert(
    long Id,
    string Rule,
    string RuleType,
    string? Watch,
    string GroupKey,
    AlertState State,
    AlertSeverity Severity,
    int Count,
    string Title,
    string Summary,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<AlertMention> Mentions);

/// <summary>
/// One event of one alert for one notifier. <see cref="DeliveryId"/> is the same on every attempt (the webhook's
/// <c>webhook-id</c>), so a receiver can drop a retry it has already processed.
/// </summary>
public sealed record AlertNotification(
    string DeliveryId,
    string Notifier,
    AlertEventType Type,
    Alert Alert,
    DateTimeOffset OccurredAt);

public static class AlertNames
{
    /// <summary>The event name on the wire: <c>alert.triggered</c>, <c>alert.updated</c> ...</summary>
    public static string WireName(this AlertEventType type) => "alert." + type.ToString().ToLowerInvariant();

    public static string Name(this AlertState state) => state.ToString().ToLowerInvariant();

    public static string Name(this AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>PagerDuty's <c>dedup_key</c> and similar: one per alert, the same for trigger, acknowledge and resolve.</summary>
    public static string DedupKey(this Alert alert) => $"mentionwatch-alert-{alert.Id}";
}
