using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Storage.Elasticsearch;

public sealed partial class ElasticsearchAlertStore
{
    /// <summary>Newest first by id; searches see writes within the refresh interval (at once with WaitForRefresh).</summary>
    public async Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new JsonArray();
        if (query.State is { } state) filters.Add(StateRequests.Term("state", state.Name()));
        if (query.Rule is { } rule) filters.Add(StateRequests.TermIgnoringCase("rule", rule));
        if (query.Watch is { } watch) filters.Add(StateRequests.TermIgnoringCase("watch", watch));
        if (query.Before is { } before) filters.Add(new JsonObject { ["range"] = new JsonObject { ["id"] = new JsonObject { ["lt"] = before } } });
        var request = new JsonObject
        {
            ["size"] = query.Limit + 1,
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = filters } },
            ["sort"] = StateRequests.Sort(("id", "desc")),
        };
        var (sources, _) = await _requests.SearchAsync(_names.Alerts, request, "listing alerts", cancellationToken).ConfigureAwait(false);
        var items = sources.Select(s => AlertDocuments.ReadAlert(s).Alert).ToList();
        if (items.Count <= query.Limit) return new AlertPage(items, null);
        items.RemoveAt(items.Count - 1);
        return new AlertPage(items, items[^1].Id);
    }

    public async Task<AlertDetail?> GetAsync(long id, CancellationToken cancellationToken)
    {
        if (await GetRecordAsync(id, cancellationToken).ConfigureAwait(false) is not { } record) return null;
        var ofAlert = StateRequests.Term("alertId", id);
        var mentions = new List<long>();
        await foreach (var link in _requests.SearchAllAsync(_names.AlertMentionLinks, ofAlert, StateRequests.Sort(("mentionId", "desc")),
                           "reading an alert's mentions", cancellationToken).ConfigureAwait(false))
            mentions.Add(link.GetProperty("mentionId").GetInt64());
        var deliveries = new List<DeliveryRecord>();
        await foreach (var delivery in _requests.SearchAllAsync(_names.Deliveries, ofAlert, StateRequests.Sort(("createdAt", "asc"), ("deliveryId", "asc")),
                           "reading an alert's deliveries", cancellationToken).ConfigureAwait(false))
            deliveries.Add(AlertDocuments.ReadDelivery(delivery));
        var attempts = new List<DeliveryAttempt>();
        await foreach (var attempt in _requests.SearchAllAsync(_names.DeliveryAttempts, ofAlert,
                           StateRequests.Sort(("at", "asc"), ("deliveryId", "asc"), ("attempt", "asc")), "reading an alert's delivery attempts", cancellationToken)
                           .ConfigureAwait(false))
            attempts.Add(AlertDocuments.ReadAttempt(attempt));
        return new AlertDetail(record.Alert, mentions, deliveries, attempts);
    }

    /// <summary>A real-time GET: the engine's own writes are visible at once.</summary>
    public async Task<AlertRecord?> GetRecordAsync(long id, CancellationToken cancellationToken)
    {
        var document = await _requests.GetAsync(_names.Alerts, AlertDocuments.AlertId(id), "reading an alert", cancellationToken).ConfigureAwait(false);
        return document is null ? null : AlertDocuments.ReadAlert(document.Source);
    }

    public async Task<IReadOnlyList<(string Name, string Definition)>> ListRulesAsync(CancellationToken cancellationToken)
    {
        var rules = new List<(string, string)>();
        await foreach (var rule in _requests.SearchAllAsync(_names.AlertRules, new JsonObject { ["match_all"] = new JsonObject() },
                           StateRequests.Sort(("name", "asc")), "listing alert rules", cancellationToken).ConfigureAwait(false))
            rules.Add((rule.GetProperty("name").GetString()!, rule.GetProperty("definition").GetString()!));
        return rules;
    }

    /// <summary>Waits for the refresh: the rule set is re-read from the list right after a change.</summary>
    public Task<bool> UpsertRuleAsync(string name, string definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(definition);
        return _requests.PutAsync(_names.AlertRules, AlertDocuments.RuleId(name), new JsonObject { ["name"] = name, ["definition"] = definition },
            waitForRefresh: true, "saving an alert rule", cancellationToken);
    }

    public Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _requests.DeleteAsync(_names.AlertRules, AlertDocuments.RuleId(name), "deleting an alert rule", cancellationToken);
    }
}
