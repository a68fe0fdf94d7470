using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Alert state in the cluster: alerts, alert-mention links, the delivery outbox and its attempts, API-created rules
/// (an index each) and the evaluation position (a document of the state index). Elasticsearch has no multi-document
/// transaction, so <see cref="ApplyAsync"/> keeps the contract's "atomic step" by order and ids instead: alerts, links
/// and deliveries go in one _bulk with deterministic ids (every item checked; a delivery is <c>create</c>d, so a
/// replay never re-queues one that was already sent), and only after that is acknowledged the position moves, by
/// compare-and-set, never backwards. A crash in between replays the step, and the replay changes nothing.
/// </summary>
public sealed partial class ElasticsearchAlertStore : IAlertStore
{
    private const string PositionId = "alert-evaluation";
    private const int MaxPositionRaces = 100;

    private readonly StateRequests _requests;
    private readonly ElasticsearchIndexNames _names;
    private readonly bool _waitForRefresh;

    /// <summary>Over the indices <paramref name="store"/> created at start (same connection, prefix and refresh policy).</summary>
    public ElasticsearchAlertStore(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _requests = new StateRequests(store.Connection);
        _names = store.Names;
        _waitForRefresh = store.Options.WaitForRefresh;
    }

    public async Task<AlertEngineSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        // A restart right after a write must see it: make every acknowledged alert searchable first.
        await _requests.RefreshAsync(_names.Alerts, cancellationToken).ConfigureAwait(false);
        var unresolved = new List<AlertRecord>();
        var query = new JsonObject { ["bool"] = new JsonObject { ["must_not"] = new JsonArray(StateRequests.Term("state", "resolved")) } };
        await foreach (var source in _requests.SearchAllAsync(_names.Alerts, query, StateRequests.Sort(("id", "asc")), "reading unresolved alerts", cancellationToken)
            .ConfigureAwait(false))
            unresolved.Add(AlertDocuments.ReadAlert(source));

        var newest = new JsonObject
        {
            ["size"] = 0,
            ["aggs"] = new JsonObject { ["newest"] = new JsonObject { ["max"] = new JsonObject { ["field"] = "id" } } },
        };
        var (_, response) = await _requests.SearchAsync(_names.Alerts, newest, "reading the newest alert id", cancellationToken).ConfigureAwait(false);
        var max = response.GetProperty("aggregations").GetProperty("newest").GetProperty("value");
        var lastId = max.ValueKind == System.Text.Json.JsonValueKind.Number ? (long)max.GetDouble() : 0;

        var position = await _requests.GetAsync(_names.State, PositionId, "reading the alert evaluation position", cancellationToken).ConfigureAwait(false);
        return new AlertEngineSnapshot(unresolved, lastId, position?.Source.GetProperty("counter").GetInt64());
    }

    public async Task ApplyAsync(AlertChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var writes = new List<StateWrite>();
        foreach (var record in changes.Alerts)
            writes.Add(StateWrite.Replace(_names.Alerts, AlertDocuments.AlertId(record.Alert.Id), AlertDocuments.Alert(record)));
        foreach (var (alertId, mentionId) in changes.MentionLinks)
            writes.Add(StateWrite.Replace(_names.AlertMentionLinks, AlertDocuments.LinkId(alertId, mentionId), AlertDocuments.Link(alertId, mentionId)));
        foreach (var delivery in changes.Deliveries)
            writes.Add(StateWrite.CreateOnce(_names.Deliveries, delivery.DeliveryId, AlertDocuments.Delivery(delivery)));
        if (writes.Count > 0)
            await _requests.BulkAsync(writes, _waitForRefresh, "storing an alert evaluation step", cancellationToken).ConfigureAwait(false);
        // Last, and only after everything it covers is acknowledged.
        if (changes.EvaluatedArrival is { } position) await AdvancePositionAsync(position, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compare-and-set on the position document: a lower value is never written, and a concurrent writer (409) makes it read again.</summary>
    private async Task AdvancePositionAsync(long position, CancellationToken cancellationToken)
    {
        for (var race = 0; race < MaxPositionRaces; race++)
        {
            var current = await _requests.GetAsync(_names.State, PositionId, "reading the alert evaluation position", cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Source.GetProperty("counter").GetInt64() >= position) return;
            var condition = current is null ? "op_type=create" : FormattableString.Invariant($"if_seq_no={current.SeqNo}&if_primary_term={current.PrimaryTerm}");
            if (await _requests.PutIfAsync(_names.State, PositionId, condition, new JsonObject { ["counter"] = position },
                    "storing the alert evaluation position", cancellationToken).ConfigureAwait(false))
                return;
        }
        throw new ElasticsearchStoreException($"the alert evaluation position kept changing under {MaxPositionRaces} attempts to advance it to {position}");
    }

    public async Task<IReadOnlyList<DeliveryRecord>> PendingDeliveriesAsync(CancellationToken cancellationToken)
    {
        // Read at start to resume the outbox: a delivery marked delivered just before a restart must not look pending.
        await _requests.RefreshAsync(_names.Deliveries, cancellationToken).ConfigureAwait(false);
        var pending = new List<DeliveryRecord>();
        await foreach (var source in _requests.SearchAllAsync(_names.Deliveries, StateRequests.Term("state", "pending"),
                           StateRequests.Sort(("createdAt", "asc"), ("deliveryId", "asc")), "reading pending deliveries", cancellationToken).ConfigureAwait(false))
            pending.Add(AlertDocuments.ReadDelivery(source));
        return pending;
    }

    public Task RecordAttemptAsync(DeliveryAttempt attempt, DeliveryRecord updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(updated);
        // One bulk, both items checked. If only the attempt lands, the delivery stays pending and the next try
        // rewrites the same attempt id: kept once either way.
        return _requests.BulkAsync(
        [
            StateWrite.Replace(_names.DeliveryAttempts, AlertDocuments.AttemptId(attempt), AlertDocuments.Attempt(attempt, updated.AlertId)),
            StateWrite.Replace(_names.Deliveries, updated.DeliveryId, AlertDocuments.Delivery(updated)),
        ], _waitForRefresh, "recording a delivery attempt", cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> DeadDeliveriesAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var request = new JsonObject
        {
            ["size"] = Math.Min(limit, 10_000),
            ["query"] = StateRequests.Term("state", "dead"),
            ["sort"] = StateRequests.Sort(("createdAt", "desc"), ("deliveryId", "desc")),
        };
        var (sources, _) = await _requests.SearchAsync(_names.Deliveries, request, "reading dead deliveries", cancellationToken).ConfigureAwait(false);
        return sources.Select(AlertDocuments.ReadDelivery).ToList();
    }
}
