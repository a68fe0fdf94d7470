using System.Text;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Deletes mentions posted before a cutoff, a small batch per call, each batch its own short transaction on the
/// writer connection so ingest waits at most one batch. With each mention go its FTS postings (FTS5 contentless
/// tables need the 'delete' command with the values that were indexed: they are rebuilt from the row, as
/// <see cref="PreparedMention"/> built them), its watch links, its author index row and the rows of every table keyed by <c>mention_id</c>,
/// except <c>alert_mentions</c>: an alert keeps the ids of the mentions it collected (with its title, summary and
/// snapshot), so old alerts stay readable; those ids then answer 404. Rollups are pruned separately, later.
/// </summary>
public sealed class SqliteRetention(SqliteDatabase database) : IRetentionStore
{
    /// <summary>Tables keyed by mention id that outlive their mentions on purpose.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase) { "alert_mentions", "mention_watches" };

    /// <summary>Deletes up to <paramref name="batchSize"/> of the oldest mentions posted before <paramref name="cutoff"/>; returns how many.</summary>
    public Task<int> PruneMentionsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        // Ids are (post time in ms) << 10 | sequence, so "posted before the cutoff" is an id range.
        var below = MentionIds.Floor(cutoff);
        return database.WriteAsync(connection =>
        {
            // Deleting a document the text index has not got yet would corrupt it (it keeps no copy to check against).
            database.Fts.CatchUp(connection);
            return PruneBatch(connection, below, batchSize);
        }, cancellationToken);
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> hourly and daily rollup rows for buckets before <paramref name="cutoff"/>.</summary>
    public Task<int> PruneRollupsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var seconds = cutoff.ToUnixTimeSeconds();
        return database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var deleted = 0;
            foreach (var (table, size) in new[] { ("rollup_hour", 3600L), ("rollup_day", 86400L) })
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                // A bucket is pruned only when it ends before the cutoff.
                command.CommandText =
                    $"DELETE FROM {table} WHERE (watch, dim, bucket, key) IN " +
                    $"(SELECT watch, dim, bucket, key FROM {table} WHERE bucket < $before LIMIT $n)";
                command.Parameters.AddWithValue("$before", seconds / size);
                command.Parameters.AddWithValue("$n", batchSize);
                deleted += command.ExecuteNonQuery();
            }
            transaction.Commit();
            return deleted;
        }, cancellationToken);
    }

    private static int PruneBatch(SqliteConnection connection, long belowId, int batchSize)
    {
        using var transaction = connection.BeginTransaction();
        var rows = new List<Domain.Mention>(batchSize);
        using (var select = Command(connection, transaction,
            $"SELECT {MentionRowReader.Columns} FROM mentions m WHERE m.id < $below ORDER BY m.id LIMIT $n"))
        {
            select.Parameters.AddWithValue("$below", belowId);
            select.Parameters.AddWithValue("$n", batchSize);
            using var reader = select.ExecuteReader();
            while (reader.Read()) rows.Add(MentionRowReader.Read(reader));
        }
        if (rows.Count == 0) return 0;
        var maxId = rows[^1].Id;

        using (var fts = Command(connection, transaction,
            "INSERT INTO mention_fts(mention_fts, rowid, body, tags, handles, meta) VALUES ('delete', $id, $body, $tags, $handles, $meta)"))
        {
            StringBuilder body = new(), tags = new(), handles = new(), meta = new();
            var id = fts.Parameters.Add("$id", SqliteType.Integer);
            var b = fts.Parameters.Add("$body", SqliteType.Text);
            var t = fts.Parameters.Add("$tags", SqliteType.Text);
            var h = fts.Parameters.Add("$handles", SqliteType.Text);
            var m = fts.Parameters.Add("$meta", SqliteType.Text);
            foreach (var mention in rows)
            {
                (b.Value, t.Value, h.Value) = FtsDocument.Text(mention.Post.Text, body, tags, handles);
                m.Value = FtsDocument.Meta(mention, meta);
                id.Value = mention.Id;
                fts.ExecuteNonQuery();
            }
        }

        // mention_watches is keyed (watch, mention_id): one range delete per watch the batch (or the table) names.
        var watches = rows.SelectMany(r => r.Watches).ToHashSet(StringComparer.Ordinal);
        using (var links = Command(connection, transaction, "DELETE FROM mention_watches WHERE watch = $w AND mention_id <= $max"))
        {
            foreach (var known in KnownWatches(connection, transaction)) watches.Add(known);
            var w = links.Parameters.Add("$w", SqliteType.Text);
            links.Parameters.AddWithValue("$max", maxId);
            foreach (var watch in watches)
            {
                w.Value = watch;
                links.ExecuteNonQuery();
            }
        }

        // author_mentions is keyed (source, handle, id): one delete per row by its key (a mention not yet indexed has
        // none, and the indexer, behind the same writer lock, never sees it once it is deleted).
        using (var authors = Command(connection, transaction, "DELETE FROM author_mentions WHERE source = $s AND handle = $h AND id = $id"))
        {
            var s = authors.Parameters.Add("$s", SqliteType.Text);
            var h = authors.Parameters.Add("$h", SqliteType.Text);
            var id = authors.Parameters.Add("$id", SqliteType.Integer);
            foreach (var mention in rows)
            {
                (s.Value, h.Value, id.Value) = (mention.Post.Source, mention.Post.Author.Handle, mention.Id);
                authors.ExecuteNonQuery();
            }
        }

        foreach (var table in MentionKeyedTables(connection, transaction))
        {
            using var delete = Command(connection, transaction, $"DELETE FROM \"{table}\" WHERE mention_id <= $max");
            delete.Parameters.AddWithValue("$max", maxId);
            delete.ExecuteNonQuery();
        }

        using (var delete = Command(connection, transaction, "DELETE FROM mentions WHERE id <= $max"))
        {
            delete.Parameters.AddWithValue("$max", maxId);
            var deleted = delete.ExecuteNonQuery();
            using var counter = Command(connection, transaction, "UPDATE counters SET value = max(0, value - $n) WHERE name = 'mentions'");
            counter.Parameters.AddWithValue("$n", deleted);
            counter.ExecuteNonQuery();
            transaction.Commit();
            return deleted;
        }
    }

    private static List<string> KnownWatches(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, "SELECT name FROM watches");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Every table with a <c>mention_id</c> column (triage, replies, ... as features add them), but the kept ones.</summary>
    private static List<string> MentionKeyedTables(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction,
            "SELECT t.name FROM sqlite_master t, pragma_table_info(t.name) c WHERE t.type = 'table' AND c.name = 'mention_id'");
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
            if (!Kept.Contains(reader.GetString(0))) tables.Add(reader.GetString(0));
        return tables;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
