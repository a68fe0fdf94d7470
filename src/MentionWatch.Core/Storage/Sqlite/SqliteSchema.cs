using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Schema migrations, applied in order at open; <c>schema_version</c> records the last one applied, so reopening
/// is a no-op. Append new migrations; never edit an applied one.
/// </summary>
internal static class SqliteSchema
{
    // Mention ids are (createdAt in unix ms) << 10 | sequence (see MentionIds), so rowid order is time order:
    // "newest first" is a rowid-descending walk of mentions, of the FTS index and of the watch link table.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE mentions(
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            external_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            seen_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            url TEXT,
            post_lang TEXT,
            lang TEXT NOT NULL,
            author_id TEXT,
            author_handle TEXT NOT NULL,
            author_name TEXT,
            author_followers INTEGER,
            in_reply_to TEXT,
            repost_of TEXT,
            repost_of_id INTEGER,
            watches TEXT NOT NULL,
            brand_of TEXT NOT NULL,
            sentiment TEXT NOT NULL,
            p_negative REAL NOT NULL,
            p_neutral REAL NOT NULL,
            p_positive REAL NOT NULL,
            needs_reply INTEGER NOT NULL,
            needs_reply_p REAL NOT NULL);
        CREATE UNIQUE INDEX ux_mentions_source_external ON mentions(source, external_id);
        CREATE TABLE mention_watches(
            watch TEXT NOT NULL,
            mention_id INTEGER NOT NULL,
            PRIMARY KEY(watch, mention_id)) WITHOUT ROWID;
        CREATE VIRTUAL TABLE mention_fts USING fts5(
            body, tags, handles, meta,
            content='', columnsize=0, detail=full,
            tokenize="unicode61 remove_diacritics 0 tokenchars '_'");
        CREATE TABLE source_cursors(
            source_key TEXT PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE rollup_hour(
            watch TEXT NOT NULL, dim TEXT NOT NULL, bucket INTEGER NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY(watch, dim, bucket, key)) WITHOUT ROWID;
        CREATE TABLE rollup_day(
            watch TEXT NOT NULL, dim TEXT NOT NULL, bucket INTEGER NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY(watch, dim, bucket, key)) WITHOUT ROWID;
        CREATE TABLE counters(
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE watches(
            name TEXT PRIMARY KEY,
            query TEXT NOT NULL,
            own_handles TEXT NOT NULL,
            competitors TEXT NOT NULL) WITHOUT ROWID;
        """,
        // Merge FTS segments 8 at a time instead of 4: the ingest benchmark spent about a third less CPU in FTS5
        // (fewer rewrites of the same postings) while searches stay around a millisecond at the median.
        // An 8 MB pending-postings buffer lets a whole group commit (up to 10,000 mentions) become one segment.
        "INSERT INTO mention_fts(mention_fts, rank) VALUES ('automerge', 8); INSERT INTO mention_fts(mention_fts, rank) VALUES ('hashsize', 8388608);",
        // Arrival order, for consumers that resume after a crash (alert evaluation): ids follow post time, so a late
        // post gets a low id and an "id > position" walk would miss it. Older rows have none: nothing evaluates them.
        """
        ALTER TABLE mentions ADD COLUMN arrival INTEGER;
        CREATE INDEX ix_mentions_arrival ON mentions(arrival) WHERE arrival IS NOT NULL;
        """,
        // Alerting: alerts with the engine's bookkeeping, the mentions each collected, the delivery outbox and its
        // attempts, the evaluation position (an arrival number), and rules created through the API.
        """
        CREATE TABLE alerts(
            id INTEGER PRIMARY KEY,
            rule TEXT NOT NULL,
            rule_type TEXT NOT NULL,
            watch TEXT,
            group_key TEXT NOT NULL,
            state TEXT NOT NULL,
            severity TEXT NOT NULL,
            count INTEGER NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            opened_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            acknowledged_at INTEGER,
            resolved_at INTEGER,
            recent TEXT NOT NULL,
            notifiers TEXT NOT NULL,
            event_seq INTEGER NOT NULL,
            last_mention_at INTEGER NOT NULL,
            last_notified_at INTEGER,
            update_pending INTEGER NOT NULL,
            escalated INTEGER NOT NULL);
        CREATE INDEX ix_alerts_unresolved ON alerts(id) WHERE state <> 'resolved';
        CREATE TABLE alert_mentions(
            alert_id INTEGER NOT NULL,
            mention_id INTEGER NOT NULL,
            PRIMARY KEY(alert_id, mention_id)) WITHOUT ROWID;
        CREATE TABLE alert_deliveries(
            delivery_id TEXT PRIMARY KEY,
            alert_id INTEGER NOT NULL,
            event TEXT NOT NULL,
            notifier TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            delivered_at INTEGER) WITHOUT ROWID;
        CREATE INDEX ix_deliveries_alert ON alert_deliveries(alert_id);
        CREATE INDEX ix_deliveries_state ON alert_deliveries(state, created_at);
        CREATE TABLE alert_attempts(
            delivery_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            at INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            status INTEGER,
            detail TEXT NOT NULL,
            duration_ms REAL NOT NULL,
            PRIMARY KEY(delivery_id, attempt)) WITHOUT ROWID;
        CREATE TABLE alert_positions(
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE alert_rules(
            name TEXT PRIMARY KEY COLLATE NOCASE,
            definition TEXT NOT NULL) WITHOUT ROWID;
        """,
        // The audit log of API changes (IAuditLog): ids increase with time, so "newest first" is an id-descending walk.
        """
        CREATE TABLE audit_log(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT,
            method TEXT NOT NULL,
            route TEXT NOT NULL,
            target TEXT,
            client TEXT,
            status INTEGER NOT NULL);
        CREATE INDEX ix_audit_log_at ON audit_log(at);
        """,
        // Reposts waiting for their original: the writer links them when the original arrives.
        """
        CREATE INDEX ix_mentions_repost_of ON mentions(source, repost_of) WHERE repost_of IS NOT NULL AND repost_of_id IS NULL;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Applies every migration newer than the recorded version, each in its own transaction.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
        var current = CurrentVersion(connection);
        if (current > Migrations.Length)
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this build supports ({Migrations.Length}).");
        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, Migrations[version - 1], transaction);
            Execute(connection, "DELETE FROM schema_version", transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version(version) VALUES ($v)";
            record.Parameters.AddWithValue("$v", version);
            record.ExecuteNonQuery();
            transaction.Commit();
        }
        return CurrentVersion(connection);
    }

    /// <summary>The recorded version, or 0 for a new file without the version table.</summary>
    public static int CurrentVersionOrZero(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        return (long)command.ExecuteScalar()! == 0 ? 0 : CurrentVersion(connection);
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
