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
        // Support: conversation ids, triage state and the first brand reply on the mention row (read with every mention,
        // no join); `replies` keys each brand reply by what it answers (an external id, or "c:" + a conversation id) so a
        // mention stored after its reply finds it; mention_replies lists every reply linked to a mention (each once);
        // triage history, classifier corrections, linked author identities and campaigns.
        """
        ALTER TABLE mentions ADD COLUMN conversation_id TEXT;
        ALTER TABLE mentions ADD COLUMN triage TEXT NOT NULL DEFAULT 'new';
        ALTER TABLE mentions ADD COLUMN team TEXT;
        ALTER TABLE mentions ADD COLUMN assignee TEXT;
        ALTER TABLE mentions ADD COLUMN first_reply_id INTEGER;
        ALTER TABLE mentions ADD COLUMN first_reply_at INTEGER;
        CREATE INDEX ix_mentions_conversation ON mentions(source, conversation_id) WHERE conversation_id IS NOT NULL;
        CREATE INDEX ix_mentions_author ON mentions(source, author_handle COLLATE NOCASE);
        CREATE INDEX ix_mentions_open_reply ON mentions(id) WHERE needs_reply = 1 AND brand_of = '';
        CREATE TABLE replies(
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            reply_id INTEGER NOT NULL,
            PRIMARY KEY(source, target, reply_id)) WITHOUT ROWID;
        CREATE TABLE mention_replies(
            mention_id INTEGER NOT NULL,
            reply_id INTEGER NOT NULL,
            reply_at INTEGER NOT NULL,
            PRIMARY KEY(mention_id, reply_id)) WITHOUT ROWID;
        CREATE TABLE triage_history(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mention_id INTEGER NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            team TEXT,
            assignee TEXT,
            note TEXT);
        CREATE INDEX ix_triage_history_mention ON triage_history(mention_id);
        CREATE TABLE corrections(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mention_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT NOT NULL,
            new_value TEXT NOT NULL,
            actor TEXT,
            at INTEGER NOT NULL);
        CREATE INDEX ix_corrections_mention ON corrections(mention_id);
        CREATE TABLE author_links(
            a_source TEXT NOT NULL, a_handle TEXT NOT NULL COLLATE NOCASE,
            b_source TEXT NOT NULL, b_handle TEXT NOT NULL COLLATE NOCASE,
            actor TEXT, at INTEGER NOT NULL,
            PRIMARY KEY(a_source, a_handle, b_source, b_handle)) WITHOUT ROWID;
        CREATE TABLE campaigns(
            name TEXT PRIMARY KEY COLLATE NOCASE,
            watches TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            end_at INTEGER NOT NULL) WITHOUT ROWID;
        """,
        // Label corrections by hand (PUT .../labels) carry the analyst's note; the export reads them per watch, newest last.
        "ALTER TABLE corrections ADD COLUMN note TEXT;",
        // Reposts waiting for their original: the writer links them when the original arrives.
        """
        CREATE INDEX ix_mentions_repost_of ON mentions(source, repost_of) WHERE repost_of IS NOT NULL AND repost_of_id IS NULL;
        """,
        // Noise rules kept with the watch (JSON), so watches created through the API can have them too.
        "ALTER TABLE watches ADD COLUMN noise TEXT;",
        // Per-watch classifier adaptations learnt from corrections: one row per watch, loaded at start; delta is null when not used.
        """
        CREATE TABLE watch_adaptations(
            watch TEXT PRIMARY KEY COLLATE NOCASE,
            state TEXT NOT NULL,
            trained_at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            report TEXT NOT NULL,
            delta BLOB) WITHOUT ROWID;
        """,
        // Customer history off the commit path: ix_mentions_author, keyed by random handles, dirtied ~690 of ~890 WAL
        // pages of a 1,000-mention commit. author_mentions is the same key, written in the background in larger sorted
        // batches (SqliteAuthorIndexer); the counter is how far (in arrival order) it has got, written in the same
        // transaction as its rows, and history reads the rows arrived after it from mentions (see MentionsByAsync).
        // The column is "id", not "mention_id": retention deletes this table's rows by key, not with its generic range delete.
        $"""
        CREATE TABLE author_mentions(
            source TEXT NOT NULL,
            handle TEXT NOT NULL COLLATE NOCASE,
            id INTEGER NOT NULL,
            PRIMARY KEY(source, handle, id)) WITHOUT ROWID;
        INSERT INTO author_mentions(source, handle, id)
            SELECT source, author_handle, id FROM mentions ORDER BY source, author_handle COLLATE NOCASE, id;
        INSERT INTO counters(name, value) VALUES ('{SqliteAuthorIndexer.PositionCounter}', (SELECT coalesce(max(arrival), 0) FROM mentions))
            ON CONFLICT(name) DO UPDATE SET value = excluded.value;
        DROP INDEX ix_mentions_author;
        """,
        // The text index off the commit path (SqliteFtsIndexer): how far, in arrival order, mention_fts has got. Every
        // mention stored so far was indexed in its own transaction.
        $"""
        INSERT INTO counters(name, value) VALUES ('{SqliteFtsIndexer.PositionCounter}', (SELECT coalesce(max(arrival), 0) FROM mentions))
            ON CONFLICT(name) DO UPDATE SET value = excluded.value;
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
