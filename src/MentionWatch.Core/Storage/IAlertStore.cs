using MentionWatch.Core.Alerts;

namespace MentionWatch.Core.Storage;

/// <summary>
/// The state alerting keeps: alerts, their mentions, the delivery outbox with every attempt, the evaluation
/// position, and rules created through the API. Each <see cref="ApplyAsync"/> is atomic and durable when it returns:
/// an alert and its deliveries exist before anything is sent, and the position never passes unstored alerts.
/// </summary>
public interface IAlertStore
{
    Task<AlertEngineSnapshot> LoadAsync(CancellationToken cancellationToken);

    Task ApplyAsync(AlertChanges changes, CancellationToken cancellationToken);

    /// <summary>Every delivery still pending, oldest first.</summary>
    Task<IReadOnlyList<DeliveryRecord>> PendingDeliveriesAsync(CancellationToken cancellationToken);

    /// <summary>Records one attempt and the delivery's new state (attempts, next attempt, delivered or dead) together.</summary>
    Task RecordAttemptAsync(DeliveryAttempt attempt, DeliveryRecord updated, CancellationToken cancellationToken);

    Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    Task<AlertDetail?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>One alert with the engine's bookkeeping, or null.</summary>
    Task<AlertRecord?> GetRecordAsync(long id, CancellationToken cancellationToken);

    /// <summary>Dead-lettered deliveries, newest first.</summary>
    Task<IReadOnlyList<DeliveryRecord>> DeadDeliveriesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Rules created through the API, as their JSON definitions.</summary>
    Task<IReadOnlyList<(string Name, string Definition)>> ListRulesAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces; true when created.</summary>
    Task<bool> UpsertRuleAsync(string name, string definition, CancellationToken cancellationToken);

    Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken);
}
