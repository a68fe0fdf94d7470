using System.Text.Json;
using MentionWatch.Core.Alerts;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Maps alert and delivery rows to records and back; times are unix milliseconds, lists JSON.</summary>
internal static class SqliteAlertRows
{
    public const string AlertColumns =
        "id, rule, rule_type, watch, group_key, state, severity, count, title, summary, opened_at, updated_at, acknowledged_at, " +
        "resolved_at, recent, notifiers, event_seq, last_mention_at, last_notified_at, update_pending, escalated";

    public const string DeliveryColumns =
        "delivery_id, alert_id, event, notifier, snapshot, created_at, state, attempts, next_attempt_at, last_error, delivered_at";

    public static AlertRecord ReadAlert(SqliteDataReader r)
    {
        var alert = new Alert(
            Id: r.GetInt64(0), Rule: r.GetString(1), RuleType: r.GetString(2), Watch: r.IsDBNull(3) ? null : r.GetString(3),
            GroupKey: r.GetString(4), State: Enum.Parse<AlertState>(r.GetString(5), ignoreCase: true),
            Severity: Enum.Parse<AlertSeverity>(r.GetString(6), ignoreCase: true), Count: r.GetInt32(7), Title: r.GetString(8),
            Summary: r.GetString(9), OpenedAt: Time(r, 10)!.Value, UpdatedAt: Time(r, 11)!.Value, AcknowledgedAt: Time(r, 12),
            ResolvedAt: Time(r, 13), Mentions: JsonSerializer.Deserialize<List<AlertMention>>(r.GetString(14), AlertJson.Options) ?? []);
        return new AlertRecord(alert, JsonSerializer.Deserialize<List<string>>(r.GetString(15), AlertJson.Options) ?? [],
            r.GetInt32(16), Time(r, 17)!.Value, Time(r, 18), r.GetInt64(19) != 0, r.GetInt64(20) != 0);
    }

    public static void BindAlert(SqliteCommand command, AlertRecord record)
    {
        var a = record.Alert;
        command.Parameters.Clear();
        Add(command, "$id", a.Id); Add(command, "$rule", a.Rule); Add(command, "$rule_type", a.RuleType); Add(command, "$watch", a.Watch);
        Add(command, "$group_key", a.GroupKey); Add(command, "$state", a.State.Name()); Add(command, "$severity", a.Severity.Name());
        Add(command, "$count", a.Count); Add(command, "$title", a.Title); Add(command, "$summary", a.Summary);
        Add(command, "$opened_at", Ms(a.OpenedAt)); Add(command, "$updated_at", Ms(a.UpdatedAt)); Add(command, "$acknowledged_at", Ms(a.AcknowledgedAt));
        Add(command, "$resolved_at", Ms(a.ResolvedAt)); Add(command, "$recent", JsonSerializer.Serialize(a.Mentions, AlertJson.Options));
        Add(command, "$notifiers", JsonSerializer.Serialize(record.Notifiers, AlertJson.Options)); Add(command, "$event_seq", record.EventSequence);
        Add(command, "$last_mention_at", Ms(record.LastMentionAt)); Add(command, "$last_notified_at", Ms(record.LastNotifiedAt));
        Add(command, "$update_pending", record.UpdatePending ? 1 : 0); Add(command, "$escalated", record.Escalated ? 1 : 0);
    }

    public static DeliveryRecord ReadDelivery(SqliteDataReader r) => new(
        DeliveryId: r.GetString(0), AlertId: r.GetInt64(1), Event: Enum.Parse<AlertEventType>(r.GetString(2), ignoreCase: true),
        Notifier: r.GetString(3), Alert: JsonSerializer.Deserialize<Alert>(r.GetString(4), AlertJson.Options)!,
        CreatedAt: Time(r, 5)!.Value, State: Enum.Parse<DeliveryState>(r.GetString(6), ignoreCase: true), Attempts: r.GetInt32(7),
        NextAttemptAt: Time(r, 8)!.Value, LastError: r.IsDBNull(9) ? null : r.GetString(9), DeliveredAt: Time(r, 10));

    public static void BindDelivery(SqliteCommand command, DeliveryRecord d)
    {
        command.Parameters.Clear();
        Add(command, "$delivery_id", d.DeliveryId); Add(command, "$alert_id", d.AlertId); Add(command, "$event", d.Event.ToString().ToLowerInvariant());
        Add(command, "$notifier", d.Notifier); Add(command, "$snapshot", JsonSerializer.Serialize(d.Alert, AlertJson.Options));
        Add(command, "$created_at", Ms(d.CreatedAt)); Add(command, "$state", d.State.ToString().ToLowerInvariant()); Add(command, "$attempts", d.Attempts);
        Add(command, "$next_attempt_at", Ms(d.NextAttemptAt)); Add(command, "$last_error", d.LastError); Add(command, "$delivered_at", Ms(d.DeliveredAt));
    }

    public static DeliveryAttempt ReadAttempt(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt32(1), Time(r, 2)!.Value, r.GetString(3), r.IsDBNull(4) ? null : r.GetInt32(4), r.GetString(5), r.GetDouble(6));

    public static long? Ms(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal));

    public static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
