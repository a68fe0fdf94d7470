using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Writes batches on the writer connection: mentions, FTS rows, watch links, rollups, the mention counter and
/// source cursors, all in one transaction. Commands are prepared once and reused for every row and batch.
/// </summary>
internal sealed class SqliteMentionWriter : IDisposable
{
    internal const char ListSeparator = '\u001f';

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _maxId;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _insertFts;
    private readonly SqliteCommand _link;
    private readonly SqliteCommand _cursor;
    private readonly SqliteCommand _counter;
    private readonly SqliteCommand[] _rollups;

    public SqliteMentionWriter(SqliteConnection connection)
    {
        _connection = connection;
        _find = Command("SELECT id FROM mentions WHERE source = $source AND external_id = $external", "$source", "$external");
        _maxId = Command("SELECT max(id) FROM mentions WHERE id BETWEEN $lo AND $hi", "$lo", "$hi");
        _insert = Command(
            """
            INSERT INTO mentions(id, source, external_id, created_at, seen_at, text, url, post_lang, lang, author_id,
                author_handle, author_name, author_followers, in_reply_to, repost_of, repost_of_id, watches, brand_of,
                sentiment, p_negative, p_neutral, p_positive, needs_reply, needs_reply_p)
            VALUES ($id, $source, $external, $created, $seen, $text, $url, $post_lang, $lang, $author_id,
                $handle, $name, $followers, $reply_to, $repost_of, $repost_of_id, $watches, $brand_of,
                $sentiment, $neg, $neu, $pos, $needs_reply, $needs_reply_p)
            ON CONFLICT DO NOTHING
            """,
            "$id", "$source", "$external", "$created", "$seen", "$text", "$url", "$post_lang", "$lang", "$author_id",
            "$handle", "$name", "$followers", "$reply_to", "$repost_of", "$repost_of_id", "$watches", "$brand_of",
            "$sentiment", "$neg", "$neu", "$pos", "$needs_reply", "$needs_reply_p");
        _insertFts = Command(
            "INSERT INTO mention_fts(rowid, body, tags, handles, meta) VALUES ($id, $body, $tags, $handles, $meta)",
            "$id", "$body", "$tags", "$handles", "$meta");
        _link = Command("INSERT OR IGNORE INTO mention_watches(watch, mention_id) VALUES ($watch, $id)", "$watch", "$id");
        _cursor = Command(
            "INSERT INTO source_cursors(source_key, value) VALUES ($key, $value) ON CONFLICT(source_key) DO UPDATE SET value = excluded.value",
            "$key", "$value");
        _counter = Command(
            "INSERT INTO counters(name, value) VALUES ($name, $delta) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
            "$name", "$delta");
        _rollups = [RollupCommand("rollup_hour"), RollupCommand("rollup_day")];
    }

    public StoreBatchResult Write(PreparedMention[] mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        var ids = new long?[mentions.Length];
        var rollups = new RollupAccumulator();
        var stored = 0L;
        using var transaction = _connection.BeginTransaction();
        SetTransaction(transaction);
        for (var i = 0; i < mentions.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prepared = mentions[i];
            var post = prepared.Mention.Post;
            var repostOf = post.RepostOf is null ? null : Find(post.Source, post.RepostOf);
            if (Insert(prepared, repostOf) is not { } id) continue;
            ids[i] = id;
            stored++;
            rollups.Add(prepared.Mention);
        }
        foreach (var (table, watch, dim, bucket, key, count) in rollups.Rows())
        {
            var command = _rollups[table];
            command.Parameters[0].Value = watch;
            command.Parameters[1].Value = dim;
            command.Parameters[2].Value = bucket;
            command.Parameters[3].Value = key;
            command.Parameters[4].Value = count;
            command.ExecuteNonQuery();
        }
        if (stored > 0)
        {
            _counter.Parameters[0].Value = "mentions";
            _counter.Parameters[1].Value = stored;
            _counter.ExecuteNonQuery();
        }
        foreach (var cursor in cursors)
        {
            _cursor.Parameters[0].Value = cursor.SourceKey;
            _cursor.Parameters[1].Value = cursor.Value;
            _cursor.ExecuteNonQuery();
        }
        transaction.Commit();
        return new StoreBatchResult(ids);
    }

    private long? Find(string source, string externalId)
    {
        _find.Parameters[0].Value = source;
        _find.Parameters[1].Value = externalId;
        return _find.ExecuteScalar() is long id ? id : null;
    }

    private long NextId(DateTimeOffset createdAt)
    {
        var floor = MentionIds.Floor(createdAt);
        // Bounded: a full millisecond spills into the next one; 10,000 full milliseconds in a row is not a real feed.
        for (var attempt = 0; attempt < 10_000; attempt++, floor += MentionIds.SequenceMask + 1)
        {
            _maxId.Parameters[0].Value = floor;
            _maxId.Parameters[1].Value = floor | MentionIds.SequenceMask;
            var max = _maxId.ExecuteScalar();
            if (max is not long used) return floor;
            if (used < (floor | MentionIds.SequenceMask)) return used + 1;
        }
        throw new InvalidOperationException($"No free mention id near {createdAt:O}.");
    }

    /// <summary>Inserts the mention and its index rows; null when (source, externalId) is already stored.</summary>
    private long? Insert(PreparedMention prepared, long? repostOfId)
    {
        var mention = prepared.Mention;
        var post = mention.Post;
        var p = _insert.Parameters;
        p[1].Value = post.Source;
        p[2].Value = post.ExternalId;
        p[3].Value = post.CreatedAt.ToUnixTimeMilliseconds();
        p[4].Value = mention.SeenAt.ToUnixTimeMilliseconds();
        p[5].Value = post.Text;
        p[6].Value = (object?)post.Url ?? DBNull.Value;
        p[7].Value = (object?)post.Lang ?? DBNull.Value;
        p[8].Value = mention.Lang;
        p[9].Value = (object?)post.Author.Id ?? DBNull.Value;
        p[10].Value = post.Author.Handle;
        p[11].Value = (object?)post.Author.Name ?? DBNull.Value;
        p[12].Value = (object?)post.Author.Followers ?? DBNull.Value;
        p[13].Value = (object?)post.InReplyTo ?? DBNull.Value;
        p[14].Value = (object?)post.RepostOf ?? DBNull.Value;
        p[15].Value = (object?)repostOfId ?? DBNull.Value;
        p[16].Value = prepared.Watches;
        p[17].Value = prepared.BrandOf;
        p[18].Value = mention.Sentiment.Label;
        p[19].Value = mention.Sentiment.Negative;
        p[20].Value = mention.Sentiment.Neutral;
        p[21].Value = mention.Sentiment.Positive;
        p[22].Value = mention.NeedsReply.Value ? 1 : 0;
        p[23].Value = mention.NeedsReply.Probability;
        // Optimistic: the first id of the post's millisecond is usually free, so the common case is one statement.
        // A conflict is either a duplicate post or a taken id; only then look which.
        var id = MentionIds.Floor(post.CreatedAt);
        p[0].Value = id;
        if (_insert.ExecuteNonQuery() == 0)
        {
            if (Find(post.Source, post.ExternalId) is not null) return null;
            id = NextId(post.CreatedAt);
            p[0].Value = id;
            if (_insert.ExecuteNonQuery() == 0) throw new InvalidOperationException($"Mention id {id} was taken while inserting.");
        }

        var f = _insertFts.Parameters;
        f[0].Value = id;
        f[1].Value = prepared.Body;
        f[2].Value = prepared.Tags;
        f[3].Value = prepared.Handles;
        f[4].Value = prepared.Meta;
        _insertFts.ExecuteNonQuery();

        foreach (var watch in mention.Watches)
        {
            _link.Parameters[0].Value = watch;
            _link.Parameters[1].Value = id;
            _link.ExecuteNonQuery();
        }
        return id;
    }

    private SqliteCommand RollupCommand(string table) => Command(
        $"""
        INSERT INTO {table}(watch, dim, bucket, key, count) VALUES ($watch, $dim, $bucket, $key, $count)
        ON CONFLICT(watch, dim, bucket, key) DO UPDATE SET count = count + excluded.count
        """,
        "$watch", "$dim", "$bucket", "$key", "$count");

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private void SetTransaction(SqliteTransaction transaction)
    {
        foreach (var command in All()) command.Transaction = transaction;
    }

    private IEnumerable<SqliteCommand> All() =>
        [_find, _maxId, _insert, _insertFts, _link, _cursor, _counter, .. _rollups];

    public void Dispose()
    {
        foreach (var command in All()) command.Dispose();
    }
}
