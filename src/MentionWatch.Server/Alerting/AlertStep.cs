using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting;

/// <summary>
/// What one evaluation step changed: the newest version of each touched alert, mention links and new deliveries.
/// Written in one transaction; only after it commits are deliveries handed to the outbox and events published.
/// </summary>
internal sealed class AlertStep
{
    private readonly Dictionary<long, AlertRecord> _alerts = [];
    private readonly List<(long, long)> _links = [];
    private readonly List<DeliveryRecord> _deliveries = [];
    private readonly List<(AlertEventType Type, Alert Alert)> _events = [];

    public bool IsEmpty => _alerts.Count == 0 && _links.Count == 0 && _deliveries.Count == 0;

    public IReadOnlyList<DeliveryRecord> Deliveries => _deliveries;

    public IReadOnlyList<(AlertEventType Type, Alert Alert)> Events => _events;

    public void Save(AlertRecord record) => _alerts[record.Alert.Id] = record;

    public void Link(long alertId, long mentionId) => _links.Add((alertId, mentionId));

    /// <summary>Queues <paramref name="type"/> for every notifier of the record; returns the record with its event counted.</summary>
    public AlertRecord Emit(AlertRecord record, AlertEventType type, IReadOnlyList<string> notifiers, DateTimeOffset now)
    {
        var sequence = record.EventSequence + 1;
        foreach (var notifier in notifiers)
        {
            // The same id on every attempt and after every restart: the receiver's idempotency key.
            var id = $"mw-{record.Alert.Id}-{sequence}-{notifier.ToLowerInvariant()}";
            _deliveries.Add(new DeliveryRecord(id, record.Alert.Id, type, notifier, record.Alert, now, DeliveryState.Pending, 0, now, null, null));
        }
        _events.Add((type, record.Alert));
        record = record with { EventSequence = sequence, LastNotifiedAt = now, UpdatePending = type == AlertEventType.Updated ? false : record.UpdatePending };
        Save(record);
        return record;
    }

    public AlertChanges ToChanges(long? position) => new([.. _alerts.Values], [.. _links], [.. _deliveries], position);
}
