using System.Text;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>The audit log in the <c>audit_log</c> table of the shared database.</summary>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                """
                INSERT INTO audit_log(at, actor, method, route, target, client, status)
                VALUES ($at, $actor, $method, $route, $target, $client, $status)
                """;
            command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$actor", (object?)entry.Actor ?? DBNull.Value);
            command.Parameters.AddWithValue("$method", entry.Method);
            command.Parameters.AddWithValue("$route", entry.Route);
            command.Parameters.AddWithValue("$target", (object?)entry.Target ?? DBNull.Value);
            command.Parameters.AddWithValue("$client", (object?)entry.ClientAddress ?? DBNull.Value);
            command.Parameters.AddWithValue("$status", entry.Status);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, int limit, long? beforeId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<AuditEntry>>(database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT id, at, actor, method, route, target, client, status FROM audit_log WHERE 1 = 1");
            if (from is { } start)
            {
                sql.Append(" AND at >= $from");
                command.Parameters.AddWithValue("$from", start.ToUnixTimeMilliseconds());
            }
            if (to is { } end)
            {
                sql.Append(" AND at < $to");
                command.Parameters.AddWithValue("$to", end.ToUnixTimeMilliseconds());
            }
            if (beforeId is { } before)
            {
                sql.Append(" AND id < $before");
                command.Parameters.AddWithValue("$before", before);
            }
            sql.Append(" ORDER BY id DESC LIMIT $limit");
            command.Parameters.AddWithValue("$limit", limit);
            command.CommandText = sql.ToString();
            using var reader = command.ExecuteReader();
            var entries = new List<AuditEntry>();
            while (reader.Read())
            {
                entries.Add(new AuditEntry(
                    reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7)));
            }
            return entries;
        }));
    }
}
