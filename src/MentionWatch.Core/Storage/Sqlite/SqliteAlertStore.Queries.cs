using MentionWatch.Core.Alerts;
using static MentionWatch.Core.Storage.Sqlite.SqliteAlertRows;

namespace MentionWatch.Core.Storage.Sqlite;

public sealed partial class SqliteAlertStore
{
    public Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            var where = new List<string>();
            if (query.State is { } state) { where.Add("state = $state"); Add(command, "$state", state.Name()); }
            if (query.Rule is { } rule) { where.Add("rule = $rule COLLATE NOCASE"); Add(command, "$rule", rule); }
            if (query.Watch is { } watch) { where.Add("watch = $watch COLLATE NOCASE"); Add(command, "$watch", watch); }
            if (query.Before is { } before) { where.Add("id < $before"); Add(command, "$before", before); }
            command.CommandText = $"SELECT {AlertColumns} FROM alerts {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id DESC LIMIT $limit";
            Add(command, "$limit", query.Limit + 1);
            using var reader = command.ExecuteReader();
            var items = new List<Alert>();
            while (reader.Read()) items.Add(ReadAlert(reader).Alert);
            if (items.Count <= query.Limit) return new AlertPage(items, null);
            items.RemoveAt(items.Count - 1);
            return new AlertPage(items, items[^1].Id);
        }));
    }

    public Task<AlertDetail?> GetAsync(long id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<AlertDetail?>(connection =>
        {
            using var command = connection.CreateCommand();
            Add(command, "$id", id);
            command.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE id = $id";
            Alert alert;
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read()) return null;
                alert = ReadAlert(reader).Alert;
            }
            var mentions = new List<long>();
            command.CommandText = "SELECT mention_id FROM alert_mentions WHERE alert_id = $id ORDER BY mention_id DESC";
            using (var reader = command.ExecuteReader())
                while (reader.Read()) mentions.Add(reader.GetInt64(0));
            var deliveries = new List<DeliveryRecord>();
            command.CommandText = $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE alert_id = $id ORDER BY created_at, delivery_id";
            using (var reader = command.ExecuteReader())
                while (reader.Read()) deliveries.Add(ReadDelivery(reader));
            var attempts = new List<DeliveryAttempt>();
            command.CommandText =
                "SELECT t.delivery_id, t.attempt, t.at, t.outcome, t.status, t.detail, t.duration_ms FROM alert_attempts t " +
                "JOIN alert_deliveries d ON d.delivery_id = t.delivery_id WHERE d.alert_id = $id ORDER BY t.at, t.delivery_id, t.attempt";
            using (var reader = command.ExecuteReader())
                while (reader.Read()) attempts.Add(ReadAttempt(reader));
            return new AlertDetail(alert, mentions, deliveries, attempts);
        }));
    }

    public Task<AlertRecord?> GetRecordAsync(long id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<AlertRecord?>(connection =>
        {
            using var command = connection.CreateCommand();
            Add(command, "$id", id);
            command.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE id = $id";
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadAlert(reader) : null;
        }));
    }

    public Task<IReadOnlyList<(string Name, string Definition)>> ListRulesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<(string, string)>>(database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, definition FROM alert_rules ORDER BY name";
            using var reader = command.ExecuteReader();
            var rules = new List<(string, string)>();
            while (reader.Read()) rules.Add((reader.GetString(0), reader.GetString(1)));
            return rules;
        }));
    }

    public Task<bool> UpsertRuleAsync(string name, string definition, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM alert_rules WHERE name = $n";
            Add(command, "$n", name);
            var created = (long)command.ExecuteScalar()! == 0;
            command.CommandText = "INSERT INTO alert_rules(name, definition) VALUES ($n, $d) ON CONFLICT(name) DO UPDATE SET definition = excluded.definition";
            Add(command, "$d", definition);
            command.ExecuteNonQuery();
            return created;
        }, cancellationToken);

    public Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM alert_rules WHERE name = $n";
            Add(command, "$n", name);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
}
