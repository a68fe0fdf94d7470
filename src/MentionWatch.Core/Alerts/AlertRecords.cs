using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Core.Alerts;

/// <summary>
/// An alert with the engine's bookkeeping: which notifiers its events go to (fixed when it triggers, so resolve
/// reaches the same PagerDuty service), how many events it has had (the next delivery id), when its group last grew,
/// when it last notified, whether an update waits for the throttle, and whether it was escalated.
/// </summary>
public sealed record AlertRecord(
    Alert Alert,
    IReadOnlyList<string> Notifiers,
    int EventSequence,
    DateTimeOffset LastMentionAt,
    DateTimeOffset? LastNotifiedAt,
    bool UpdatePending,
    bool Escalated);

public enum DeliveryState { Pending, Delivered, Dead }

/// <summary>
/// One event of one alert for one notifier, in the outbox. <see cref="Alert"/> is the snapshot taken when the event
/// happened, so every attempt sends the same body under the same <see cref="DeliveryId"/>.
/// </summary>
public sealed record DeliveryRecord(
    string DeliveryId,
    long AlertId,
    AlertEventType Event,
    string Notifier,
    Alert Alert,
    DateTimeOffset CreatedAt,
    DeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? DeliveredAt)
{
    public AlertNotification ToNotification() => new(DeliveryId, Notifier, Event, Alert, CreatedAt);
}

/// <summary>One try of one delivery, as the API shows it.</summary>
public sealed record DeliveryAttempt(string DeliveryId, int Attempt, DateTimeOffset At, string Outcome, int? StatusCode, string Detail, double DurationMs);

/// <summary>What one evaluation step changes, written in one transaction with the evaluation position.</summary>
public sealed record AlertChanges(
    IReadOnlyList<AlertRecord> Alerts,
    IReadOnlyList<(long AlertId, long MentionId)> MentionLinks,
    IReadOnlyList<DeliveryRecord> Deliveries,
    long? EvaluatedArrival);

/// <summary>What the engine needs after a start: unresolved alerts, the newest alert id, and how far it had evaluated.</summary>
public sealed record AlertEngineSnapshot(IReadOnlyList<AlertRecord> Unresolved, long LastAlertId, long? EvaluatedArrival);

public sealed record AlertQuery(AlertState? State = null, string? Rule = null, string? Watch = null, int Limit = 50, long? Before = null);

public sealed record AlertPage(IReadOnlyList<Alert> Items, long? NextBefore);

/// <summary>An alert with every mention it collected (ids) and every delivery with its attempts.</summary>
public sealed record AlertDetail(Alert Alert, IReadOnlyList<long> MentionIds, IReadOnlyList<DeliveryRecord> Deliveries, IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>The JSON form alerts take inside the store (snapshots in the outbox, recent mentions).</summary>
public static class AlertJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
