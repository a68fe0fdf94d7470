using System.Globalization;
using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Writes a batch on the writer connection: mentions, watch links, rollups, the mention counter and source cursors,
/// all in one transaction, then hands the batch's text documents to <see cref="SqliteFtsIndexer"/>, which indexes them
/// just behind. Statements are prepared once and reused for every row and batch.
/// </summary>
internal sealed class SqliteMentionWriter : IDisposable
{
    internal const char ListSeparator = '\u001f';

    private readonly SqliteConnection _connection;
    private readonly RawStatement _find;
    private readonly RawStatement _maxId;
    private readonly RawStatement _insert;
    private readonly RawStatement _link;
    private readonly RawStatement _cursor;
    private readonly RawStatement _counter;
    private readonly RawStatement _waitingReposts;
    private readonly RawStatement _backLink;
    private readonly RawStatement _anyWaiting;
    private readonly RawStatement[] _rollups;
    private readonly RawStatement _assignHistory;
    private readonly SqliteReplyLinker _linker;
    private readonly SqliteFtsIndexer _fts;
    private long _lastArrival;

    public SqliteMentionWriter(SqliteConnection connection, SqliteFtsIndexer fts)
    {
        _connection = connection;
        _fts = fts;
        _find = new(connection, "SELECT id FROM mentions WHERE source = ?1 AND external_id = ?2");
        _maxId = new(connection, "SELECT max(id) FROM mentions WHERE id BETWEEN ?1 AND ?2");
        _insert = new(connection,
            """
            INSERT INTO mentions(id, source, external_id, created_at, seen_at, text, url, post_lang, lang, author_id,
                author_handle, author_name, author_followers, in_reply_to, repost_of, repost_of_id, watches, brand_of,
                sentiment, p_negative, p_neutral, p_positive, needs_reply, needs_reply_p, arrival, conversation_id, triage, team, assignee)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
                ?26, ?27, ?28, ?29)
            ON CONFLICT DO NOTHING
            """);
        _link = new(connection, "INSERT OR IGNORE INTO mention_watches(watch, mention_id) VALUES (?1, ?2)");
        _cursor = new(connection,
            "INSERT INTO source_cursors(source_key, value) VALUES (?1, ?2) ON CONFLICT(source_key) DO UPDATE SET value = excluded.value");
        _counter = new(connection,
            "INSERT INTO counters(name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value");
        // A repost stored before its original gets the link when the original arrives. One statement per batch probes
        // ix_mentions_repost_of for each of the batch's rows: an UPDATE per row was ~4 ms of a 1,000-mention batch that
        // usually links nothing. CROSS JOIN keeps the batch's ids as the outer loop, so the cost follows the batch size,
        // not the number of reposts still waiting (most wait forever: their originals never mention a watch).
        _waitingReposts = new(connection,
            """
            SELECT m.id, o.id FROM json_each(?1) AS j CROSS JOIN mentions AS o ON o.id = j.value
                CROSS JOIN mentions AS m ON m.source = o.source AND m.repost_of = o.external_id AND m.repost_of_id IS NULL
            """);
        _backLink = new(connection, "UPDATE mentions SET repost_of_id = ?2 WHERE id = ?1 AND repost_of_id IS NULL");
        // No repost waits at all (the partial index is empty): nothing to link, no need to list the batch's ids.
        _anyWaiting = new(connection, "SELECT 1 FROM mentions WHERE repost_of IS NOT NULL AND repost_of_id IS NULL LIMIT 1");
        _rollups = [RollupStatement("rollup_hour"), RollupStatement("rollup_day")];
        _assignHistory = new(connection,
            "INSERT INTO triage_history(mention_id, at, actor, from_state, to_state, team, assignee, note) VALUES (?1, ?2, 'routing', 'new', ?3, ?4, ?5, ?6)");
        _linker = new SqliteReplyLinker(connection);
        // One writer per database: the sequence lives in memory, read once from the last row written, or from the
        // background indexers' positions should retention have deleted every row: numbers behind a position would
        // never be indexed.
        using var last = new RawStatement(connection,
            $"""
            SELECT max(coalesce((SELECT max(arrival) FROM mentions WHERE arrival IS NOT NULL), 0),
                coalesce((SELECT max(value) FROM counters WHERE name IN ('{SqliteFtsIndexer.PositionCounter}', '{SqliteAuthorIndexer.PositionCounter}')), 0))
            """);
        _lastArrival = last.ScalarInt64() ?? 0;
    }

    /// <summary>The arrival number of the last mention written (committed once <see cref="Write"/> returns).</summary>
    public long LastArrival => _lastArrival;

    /// <summary>Writes one batch and its cursors in one transaction.</summary>
    public StoreBatchResult Write(PreparedMention[] mentions, IReadOnlyList<SourceCursor> cursors)
    {
        var arrivalBefore = _lastArrival;
        try
        {
            return WriteInTransaction(mentions, cursors);
        }
        catch
        {
            // Rolled back: reuse the numbers, so the sequence stays gap-free for rows that exist.
            _lastArrival = arrivalBefore;
            throw;
        }
    }

    private StoreBatchResult WriteInTransaction(PreparedMention[] mentions, IReadOnlyList<SourceCursor> cursors)
    {
        var rollups = new RollupAccumulator();
        var indexed = new List<(long Id, PreparedMention Mention)>(mentions.Length);
        var ids = new long?[mentions.Length];
        var arrivals = new long[mentions.Length];
        var support = new MentionSupport?[mentions.Length];
        var documents = new List<FtsRow>(mentions.Length);
        using var transaction = _connection.BeginTransaction();
        _linker.SetTransaction(transaction);
        _linker.BeginBatch();
        for (var i = 0; i < mentions.Length; i++)
        {
            var prepared = mentions[i];
            var post = prepared.Mention.Post;
            var repostOf = post.RepostOf is null ? null : Find(post.Source, post.RepostOf);
            if (Insert(prepared, repostOf) is not { } id) continue;
            indexed.Add((id, prepared));
            documents.Add(new FtsRow(_lastArrival, id, prepared.Body, prepared.Tags, prepared.Handles, prepared.Meta));
            ids[i] = id;
            arrivals[i] = _lastArrival;
            rollups.Add(prepared.Mention);
            var inserted = prepared.Mention.Support ?? MentionSupport.New;
            if (inserted.Triage != TriageStates.New)
                _assignHistory.Bind(1, id).Bind(2, prepared.Mention.SeenAt.ToUnixTimeMilliseconds()).Bind(3, inserted.Triage)
                    .Bind(4, inserted.Team).Bind(5, inserted.Assignee).Bind(6, inserted.Team is null ? null : $"routed to team {inserted.Team}").Execute();
            support[i] = _linker.OnInserted(id, prepared.Mention, inserted);
        }
        if (indexed.Count > 0) LinkWaitingReposts(indexed);
        // In key order, the link rows of one watch land on neighbouring pages however the feed ordered its posts.
        indexed.Sort((x, y) => x.Id.CompareTo(y.Id));
        foreach (var (id, prepared) in indexed) Link(id, prepared);
        foreach (var (table, watch, dim, bucket, key, count) in rollups.Rows())
            _rollups[table].Bind(1, watch).Bind(2, dim).Bind(3, bucket).Bind(4, key).Bind(5, count).Execute();
        if (indexed.Count > 0) _counter.Bind(1, "mentions").Bind(2, indexed.Count).Execute();
        foreach (var cursor in cursors) _cursor.Bind(1, cursor.SourceKey).Bind(2, cursor.Value).Execute();
        transaction.Commit();
        _fts.Written(_connection, documents);
        return new StoreBatchResult(ids, arrivals) { Support = support };
    }

    /// <summary>
    /// Links reposts stored earlier (this batch included) to their originals among <paramref name="indexed"/>. A repost
    /// later in the batch than its original already got the id from <see cref="Find"/> when it was inserted.
    /// </summary>
    private void LinkWaitingReposts(List<(long Id, PreparedMention Mention)> indexed)
    {
        if (_anyWaiting.ScalarInt64() is null) return;
        var ids = new System.Text.StringBuilder(indexed.Count * 20).Append('[');
        foreach (var (id, _) in indexed) ids.Append(CultureInfo.InvariantCulture, $"{id},");
        ids[^1] = ']';
        List<(long Repost, long Original)>? waiting = null;
        _waitingReposts.Bind(1, ids.ToString()).ForEachRow(row => (waiting ??= []).Add((row.ColumnInt64(0), row.ColumnInt64(1))));
        if (waiting is null) return;
        foreach (var (repost, original) in waiting) _backLink.Bind(1, repost).Bind(2, original).Execute();
    }

    private long? Find(string source, string externalId) => _find.Bind(1, source).Bind(2, externalId).ScalarInt64();

    private long NextId(DateTimeOffset createdAt) =>
        MentionIds.Allocate(createdAt, (floor, ceiling) => _maxId.Bind(1, floor).Bind(2, ceiling).ScalarInt64());

    /// <summary>Inserts the mention row; null when (source, externalId) is already stored.</summary>
    private long? Insert(PreparedMention prepared, long? repostOfId)
    {
        var mention = prepared.Mention;
        var post = mention.Post;
        _insert
            .Bind(2, post.Source).Bind(3, post.ExternalId).Bind(4, post.CreatedAt.ToUnixTimeMilliseconds())
            .Bind(5, mention.SeenAt.ToUnixTimeMilliseconds()).Bind(6, post.Text).Bind(7, post.Url).Bind(8, post.Lang)
            .Bind(9, mention.Lang).Bind(10, post.Author.Id).Bind(11, post.Author.Handle).Bind(12, post.Author.Name)
            .Bind(13, post.Author.Followers).Bind(14, post.InReplyTo).Bind(15, post.RepostOf).Bind(16, repostOfId)
            .Bind(17, prepared.Watches).Bind(18, prepared.BrandOf).Bind(19, mention.Sentiment.Label)
            .Bind(20, mention.Sentiment.Negative).Bind(21, mention.Sentiment.Neutral).Bind(22, mention.Sentiment.Positive)
            .Bind(23, mention.NeedsReply.Value ? 1L : 0L).Bind(24, mention.NeedsReply.Probability).Bind(25, _lastArrival + 1)
            .Bind(26, post.ConversationId).Bind(27, mention.Support?.Triage ?? TriageStates.New).Bind(28, mention.Support?.Team)
            .Bind(29, mention.Support?.Assignee);

        // Optimistic: the first id of the post's millisecond is usually free, so the common case is one statement.
        // A conflict is either a duplicate post or a taken id; only then look which.
        var id = MentionIds.Floor(post.CreatedAt);
        if (_insert.Bind(1, id).Execute() == 0)
        {
            if (Find(post.Source, post.ExternalId) is not null) return null;
            id = NextId(post.CreatedAt);
            if (_insert.Bind(1, id).Execute() == 0) throw new InvalidOperationException($"Mention id {id} was taken while inserting.");
        }
        _lastArrival++;

        return id;
    }

    private void Link(long id, PreparedMention prepared)
    {
        foreach (var watch in prepared.Mention.Watches) _link.Bind(1, watch).Bind(2, id).Execute();
    }

    private RawStatement RollupStatement(string table) => new(_connection,
        $"""
        INSERT INTO {table}(watch, dim, bucket, key, count) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT(watch, dim, bucket, key) DO UPDATE SET count = count + excluded.count
        """);

    public void Dispose()
    {
        foreach (var statement in (RawStatement[])[_find, _maxId, _insert, _link, _cursor, _counter, _assignHistory, _waitingReposts, _backLink, _anyWaiting, .. _rollups])
            statement.Dispose();
        _linker.Dispose();
    }
}
