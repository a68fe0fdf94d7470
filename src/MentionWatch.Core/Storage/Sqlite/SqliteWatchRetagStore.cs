using System.Text;
using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Re-tags stored mentions for one watch in short write transactions, so ingest (which shares the single writer)
/// waits at most one small batch. A mention's search-index row is deleted with its old values (the index is
/// contentless) and written again with the new watch list.
/// </summary>
public sealed class SqliteWatchRetagStore(SqliteDatabase database) : IWatchRetagStore
{
    public Task<IReadOnlyList<Mention>> ReadForRematchAsync(DateTimeOffset from, long afterId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<Mention>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {MentionRowReader.Columns} FROM mentions m WHERE m.id > $after AND m.id >= $from ORDER BY m.id LIMIT $limit";
            command.Parameters.AddWithValue("$after", afterId);
            command.Parameters.AddWithValue("$from", MentionIds.Floor(from));
            command.Parameters.AddWithValue("$limit", limit);
            using var r = command.ExecuteReader();
            var list = new List<Mention>();
            while (r.Read()) list.Add(MentionRowReader.Read(r));
            return list;
        }));
    }

    public Task<long> CountSinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM mentions WHERE id >= $from";
            command.Parameters.AddWithValue("$from", MentionIds.Floor(from));
            return (long)command.ExecuteScalar()!;
        }));
    }

    public Task<IReadOnlyList<long>> TaggedAsync(string watch, long afterId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<long>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT mention_id FROM mention_watches WHERE watch = $w AND mention_id > $after ORDER BY mention_id LIMIT $limit";
            command.Parameters.AddWithValue("$w", watch);
            command.Parameters.AddWithValue("$after", afterId);
            command.Parameters.AddWithValue("$limit", limit);
            using var r = command.ExecuteReader();
            var ids = new List<long>();
            while (r.Read()) ids.Add(r.GetInt64(0));
            return ids;
        }));
    }

    public Task<int> RetagAsync(string watch, IReadOnlyList<(long Id, bool Member)> changes, bool adjustRollups, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(watch);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return Task.FromResult(0);
        return database.WriteAsync(connection =>
        {
            // The document swap below deletes the old one: it must be in the index first.
            database.Fts.CatchUp(connection);
            using var transaction = connection.BeginTransaction();
            using var read = Command(connection, transaction, $"SELECT {MentionRowReader.Columns} FROM mentions m WHERE m.id = $id");
            using var update = Command(connection, transaction, "UPDATE mentions SET watches = $watches WHERE id = $id");
            using var link = Command(connection, transaction, "INSERT OR IGNORE INTO mention_watches(watch, mention_id) VALUES ($w, $id)");
            using var unlink = Command(connection, transaction, "DELETE FROM mention_watches WHERE watch = $w AND mention_id = $id");
            using var ftsDelete = Command(connection, transaction,
                "INSERT INTO mention_fts(mention_fts, rowid, body, tags, handles, meta) VALUES ('delete', $id, $body, $tags, $handles, $meta)");
            using var ftsInsert = Command(connection, transaction,
                "INSERT INTO mention_fts(rowid, body, tags, handles, meta) VALUES ($id, $body, $tags, $handles, $meta)");
            var rollups = new RollupAccumulator();
            StringBuilder body = new(), tags = new(), handles = new(), meta = new();
            var changed = 0;
            foreach (var (id, member) in changes)
            {
                read.Parameters["$id"].Value = id;
                Mention mention;
                using (var r = read.ExecuteReader())
                {
                    if (!r.Read()) continue;
                    mention = MentionRowReader.Read(r);
                }
                var has = mention.Watches.Contains(watch, StringComparer.Ordinal);
                if (has == member) continue;
                var watches = member ? [.. mention.Watches, watch] : mention.Watches.Where(w => w != watch).ToList();
                var (b, t, h) = FtsDocument.Text(mention.Post.Text, body, tags, handles);
                Set(ftsDelete, id, b, t, h, FtsDocument.Meta(mention, meta)).ExecuteNonQuery();
                var retagged = mention with { Watches = watches };
                Set(ftsInsert, id, b, t, h, FtsDocument.Meta(retagged, meta)).ExecuteNonQuery();
                update.Parameters["$watches"].Value = string.Join(SqliteMentionWriter.ListSeparator, watches);
                update.Parameters["$id"].Value = id;
                update.ExecuteNonQuery();
                var linkCommand = member ? link : unlink;
                linkCommand.Parameters["$w"].Value = watch;
                linkCommand.Parameters["$id"].Value = id;
                linkCommand.ExecuteNonQuery();
                if (adjustRollups) rollups.AddForWatch(watch, mention, member ? 1 : -1);
                changed++;
            }
            using var rollup = Command(connection, transaction, "");
            foreach (var (table, w, dim, bucket, key, count) in rollups.Rows())
            {
                rollup.CommandText =
                    $"INSERT INTO {(table == RollupAccumulator.HourTable ? "rollup_hour" : "rollup_day")}(watch, dim, bucket, key, count) VALUES ($w, $d, $b, $k, $c) " +
                    "ON CONFLICT(watch, dim, bucket, key) DO UPDATE SET count = count + excluded.count";
                rollup.Parameters.Clear();
                rollup.Parameters.AddWithValue("$w", w);
                rollup.Parameters.AddWithValue("$d", dim);
                rollup.Parameters.AddWithValue("$b", bucket);
                rollup.Parameters.AddWithValue("$k", key);
                rollup.Parameters.AddWithValue("$c", count);
                rollup.ExecuteNonQuery();
            }
            transaction.Commit();
            return changed;
        }, cancellationToken);
    }

    public Task DropRollupsAsync(string watch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(watch);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM rollup_hour WHERE watch = $w; DELETE FROM rollup_day WHERE watch = $w;";
            command.Parameters.AddWithValue("$w", watch);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in new[] { "$id", "$watches", "$w", "$body", "$tags", "$handles", "$meta" })
            if (sql.Contains(name, StringComparison.Ordinal)) command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        return command;
    }

    private static SqliteCommand Set(SqliteCommand command, long id, string body, string tags, string handles, string meta)
    {
        command.Parameters["$id"].Value = id;
        command.Parameters["$body"].Value = body;
        command.Parameters["$tags"].Value = tags;
        command.Parameters["$handles"].Value = handles;
        command.Parameters["$meta"].Value = meta;
        return command;
    }
}
