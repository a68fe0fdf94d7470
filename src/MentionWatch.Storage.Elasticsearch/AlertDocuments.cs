using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Alert-state documents: the fields the store filters and sorts on at the top level, and the whole record under
/// <c>record</c> (mapped <c>enabled: false</c>: kept in _source, never indexed) in the JSON form the SQLite store
/// keeps its snapshots in. Times the store sorts on are epoch milliseconds. Ids are deterministic, so writing the
/// same step twice lands on the same documents.
/// </summary>
internal static class AlertDocuments
{
    public static string AlertId(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string LinkId(long alertId, long mentionId) => FormattableString.Invariant($"{alertId}-{mentionId}");

    public static string AttemptId(DeliveryAttempt attempt) => FormattableString.Invariant($"{attempt.DeliveryId}#{attempt.Attempt}");

    /// <summary>Rule names ignore case (as on SQLite), so the id is the lower-case name.</summary>
    public static string RuleId(string name) => name.ToLowerInvariant();

    public static JsonObject Alert(AlertRecord record) => new()
    {
        ["id"] = record.Alert.Id,
        ["rule"] = record.Alert.Rule,
        ["watch"] = record.Alert.Watch,
        ["state"] = record.Alert.State.Name(),
        ["updatedAt"] = record.Alert.UpdatedAt.ToUnixTimeMilliseconds(),
        ["record"] = JsonSerializer.SerializeToNode(record, AlertJson.Options),
    };

    public static JsonObject Link(long alertId, long mentionId) => new() { ["alertId"] = alertId, ["mentionId"] = mentionId };

    public static JsonObject Delivery(DeliveryRecord delivery) => new()
    {
        ["deliveryId"] = delivery.DeliveryId,
        ["alertId"] = delivery.AlertId,
        ["state"] = delivery.State.ToString().ToLowerInvariant(),
        ["createdAt"] = delivery.CreatedAt.ToUnixTimeMilliseconds(),
        ["record"] = JsonSerializer.SerializeToNode(delivery, AlertJson.Options),
    };

    public static JsonObject Attempt(DeliveryAttempt attempt, long alertId) => new()
    {
        ["deliveryId"] = attempt.DeliveryId,
        ["alertId"] = alertId,
        ["attempt"] = attempt.Attempt,
        ["at"] = attempt.At.ToUnixTimeMilliseconds(),
        ["outcome"] = attempt.Outcome,
        ["statusCode"] = attempt.StatusCode,
        ["detail"] = attempt.Detail,
        ["durationMs"] = attempt.DurationMs,
    };

    public static AlertRecord ReadAlert(JsonElement source) => source.GetProperty("record").Deserialize<AlertRecord>(AlertJson.Options)!;

    public static DeliveryRecord ReadDelivery(JsonElement source) => source.GetProperty("record").Deserialize<DeliveryRecord>(AlertJson.Options)!;

    public static DeliveryAttempt ReadAttempt(JsonElement s) => new(
        s.GetProperty("deliveryId").GetString()!, s.GetProperty("attempt").GetInt32(),
        DateTimeOffset.FromUnixTimeMilliseconds(s.GetProperty("at").GetInt64()), s.GetProperty("outcome").GetString()!,
        s.TryGetProperty("statusCode", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null,
        s.GetProperty("detail").GetString()!, s.GetProperty("durationMs").GetDouble());
}
