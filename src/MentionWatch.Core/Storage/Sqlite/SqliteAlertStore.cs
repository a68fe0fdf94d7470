using MentionWatch.Core.Alerts;
using Microsoft.Data.Sqlite;
using static MentionWatch.Core.Storage.Sqlite.SqliteAlertRows;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Alert state in the embedded database, beside the mentions. Writes share the single writer connection (and its
/// lock) with mention batches; each call is one transaction, durable when it returns.
/// </summary>
public sealed partial class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    private const string EvaluationPosition = "evaluation";

    public Task<AlertEngineSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(connection =>
        {
            var unresolved = new List<AlertRecord>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE state <> 'resolved' ORDER BY id";
                using var reader = command.ExecuteReader();
                while (reader.Read()) unresolved.Add(ReadAlert(reader));
            }
            var lastId = Scalar(connection, "SELECT coalesce(max(id), 0) FROM alerts") ?? 0;
            var position = Scalar(connection, $"SELECT value FROM alert_positions WHERE name = '{EvaluationPosition}'");
            return new AlertEngineSnapshot(unresolved, lastId, position);
        }));
    }

    public Task ApplyAsync(AlertChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"INSERT INTO alerts({AlertColumns}) VALUES ({Parameters(AlertColumns)}) ON CONFLICT(id) DO UPDATE SET " +
                string.Join(", ", AlertColumns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"));
            foreach (var alert in changes.Alerts)
            {
                BindAlert(command, alert);
                command.ExecuteNonQuery();
            }
            command.CommandText = "INSERT OR IGNORE INTO alert_mentions(alert_id, mention_id) VALUES ($a, $m)";
            foreach (var (alertId, mentionId) in changes.MentionLinks)
            {
                command.Parameters.Clear();
                Add(command, "$a", alertId);
                Add(command, "$m", mentionId);
                command.ExecuteNonQuery();
            }
            // A delivery id is written once: replaying the same step after a crash cannot queue an event twice.
            command.CommandText = $"INSERT OR IGNORE INTO alert_deliveries({DeliveryColumns}) VALUES ({Parameters(DeliveryColumns)})";
            foreach (var delivery in changes.Deliveries)
            {
                BindDelivery(command, delivery);
                command.ExecuteNonQuery();
            }
            if (changes.EvaluatedArrival is { } position)
            {
                command.CommandText = "INSERT INTO alert_positions(name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)";
                command.Parameters.Clear();
                Add(command, "$n", EvaluationPosition);
                Add(command, "$v", position);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<DeliveryRecord>> PendingDeliveriesAsync(CancellationToken cancellationToken) =>
        Deliveries("WHERE state = 'pending' ORDER BY created_at, delivery_id", null, cancellationToken);

    public Task<IReadOnlyList<DeliveryRecord>> DeadDeliveriesAsync(int limit, CancellationToken cancellationToken) =>
        Deliveries("WHERE state = 'dead' ORDER BY created_at DESC LIMIT $limit", limit, cancellationToken);

    public Task RecordAttemptAsync(DeliveryAttempt attempt, DeliveryRecord updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(updated);
        return database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "INSERT OR REPLACE INTO alert_attempts(delivery_id, attempt, at, outcome, status, detail, duration_ms) VALUES ($d, $n, $at, $o, $s, $detail, $ms)";
            Add(command, "$d", attempt.DeliveryId); Add(command, "$n", attempt.Attempt); Add(command, "$at", Ms(attempt.At));
            Add(command, "$o", attempt.Outcome); Add(command, "$s", attempt.StatusCode); Add(command, "$detail", attempt.Detail);
            Add(command, "$ms", attempt.DurationMs);
            command.ExecuteNonQuery();
            command.CommandText =
                "UPDATE alert_deliveries SET state = $state, attempts = $attempts, next_attempt_at = $next_attempt_at, last_error = $last_error, " +
                "delivered_at = $delivered_at WHERE delivery_id = $delivery_id";
            BindDelivery(command, updated);
            command.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        }, cancellationToken);
    }

    private Task<IReadOnlyList<DeliveryRecord>> Deliveries(string where, int? limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<DeliveryRecord>>(database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {DeliveryColumns} FROM alert_deliveries {where}";
            if (limit is not null) Add(command, "$limit", limit);
            using var reader = command.ExecuteReader();
            var items = new List<DeliveryRecord>();
            while (reader.Read()) items.Add(ReadDelivery(reader));
            return items;
        }));
    }

    private static string Parameters(string columns) => string.Join(", ", columns.Split(", ").Select(c => "$" + c));

    private static long? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : null;
    }
}
