using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Links brand replies to the mentions they answer, inside the writer's transaction, whichever arrives first. A reply
/// answers a mention on the same source when its <c>inReplyTo</c> is the mention's external id, or when it belongs to
/// the mention's conversation (or the conversation the mention started); it must be written by a brand of one of the
/// mention's watches and posted no earlier than the mention. The earliest reply by post time is the first reply; a
/// reply is linked to a mention once (mention_replies' key).
/// </summary>
internal sealed class SqliteReplyLinker : IDisposable
{
    public const string LinkActor = "reply-link";
    private const string ConversationPrefix = "c:";

    private readonly RawStatement _hasReply;
    private readonly RawStatement _anyReply;
    /// <summary>Per source, whether replies holds any key, as of now in the current batch (see <see cref="BeginBatch"/>).</summary>
    private readonly Dictionary<string, bool> _sourceHasReplies = new(StringComparer.Ordinal);
    private readonly RawStatement _addKey;
    private readonly RawStatement _link;
    private readonly RawStatement _first;
    private readonly RawStatement _replied;
    private readonly RawStatement _history;
    private readonly SqliteCommand _repliesFor;
    private readonly SqliteCommand _targetsOf;
    private readonly SqliteCommand _state;

    public SqliteReplyLinker(SqliteConnection connection)
    {
        _hasReply = new(connection, "SELECT 1 FROM replies WHERE source = ?1 AND target IN (?2, ?3, ?4) LIMIT 1");
        _anyReply = new(connection, "SELECT 1 FROM replies WHERE source = ?1 LIMIT 1");
        _addKey = new(connection, "INSERT OR IGNORE INTO replies(source, target, reply_id) VALUES (?1, ?2, ?3)");
        _link = new(connection, "INSERT OR IGNORE INTO mention_replies(mention_id, reply_id, reply_at) VALUES (?1, ?2, ?3)");
        _first = new(connection,
            "UPDATE mentions SET first_reply_id = ?2, first_reply_at = ?3 WHERE id = ?1 AND " +
            "(first_reply_at IS NULL OR first_reply_at > ?3 OR (first_reply_at = ?3 AND first_reply_id > ?2))");
        _replied = new(connection, "UPDATE mentions SET triage = 'replied' WHERE id = ?1 AND triage IN ('new', 'assigned')");
        _history = new(connection,
            "INSERT INTO triage_history(mention_id, at, actor, from_state, to_state, team, assignee, note) VALUES (?1, ?2, ?3, ?4, 'replied', ?5, ?6, ?7)");
        _repliesFor = Command(connection,
            """
            SELECT r.reply_id, m.created_at, m.brand_of, m.author_handle FROM replies r JOIN mentions m ON m.id = r.reply_id
            WHERE r.source = $source AND r.target IN ($t1, $t2, $t3)
            """, "$source", "$t1", "$t2", "$t3");
        _targetsOf = Command(connection,
            """
            SELECT id, created_at, watches FROM mentions WHERE source = $source AND external_id IN ($a, $b) AND brand_of = ''
            UNION
            SELECT id, created_at, watches FROM mentions WHERE source = $source AND conversation_id = $c AND brand_of = ''
            """, "$source", "$a", "$b", "$c");
        _state = Command(connection, "SELECT triage, team, assignee, first_reply_id, first_reply_at FROM mentions WHERE id = $id", "$id");
    }

    public void SetTransaction(SqliteTransaction transaction)
    {
        _repliesFor.Transaction = transaction;
        _targetsOf.Transaction = transaction;
        _state.Transaction = transaction;
    }

    /// <summary>
    /// Starts a batch: forgets which sources have reply keys. A source without any (no brand reply stored yet, as on
    /// most sources most of the time) cannot link a mention, so its mentions skip the per-mention replies lookup, ~5 ms
    /// of a 1,000-mention batch. One query per source and batch answers that; a key written in the batch
    /// (<see cref="LinkReply"/>) sets it, so each mention still sees every key stored before it.
    /// </summary>
    public void BeginBatch() => _sourceHasReplies.Clear();

    private bool SourceHasReplies(string source)
    {
        if (!_sourceHasReplies.TryGetValue(source, out var has))
            _sourceHasReplies[source] = has = _anyReply.Bind(1, source).ScalarInt64() is not null;
        return has;
    }

    /// <summary>Links the mention just inserted (either side of a reply); returns its support state as stored.</summary>
    public MentionSupport OnInserted(long id, Mention mention, MentionSupport inserted)
    {
        var post = mention.Post;
        if (mention.BrandPostOf.Count > 0)
        {
            if (post.InReplyTo is not null || post.ConversationId is not null) LinkReply(id, mention);
            return inserted;
        }
        if (!SourceHasReplies(post.Source)) return inserted;
        var conversation = post.ConversationId is null ? "" : ConversationPrefix + post.ConversationId;
        if (_hasReply.Bind(1, post.Source).Bind(2, post.ExternalId).Bind(3, ConversationPrefix + post.ExternalId).Bind(4, conversation)
                .ScalarInt64() is null)
            return inserted;

        _repliesFor.Parameters["$source"].Value = post.Source;
        _repliesFor.Parameters["$t1"].Value = post.ExternalId;
        _repliesFor.Parameters["$t2"].Value = ConversationPrefix + post.ExternalId;
        _repliesFor.Parameters["$t3"].Value = conversation;
        var created = post.CreatedAt.ToUnixTimeMilliseconds();
        var found = new List<(long Reply, long At, string Handle)>();
        using (var reader = _repliesFor.ExecuteReader())
            while (reader.Read())
                if (reader.GetInt64(1) >= created && Shares(reader.GetString(2), mention.Watches))
                    found.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3)));
        foreach (var (reply, at, handle) in found.DistinctBy(f => f.Reply)) Link(id, reply, at, handle);
        return found.Count == 0 ? inserted : State(id);
    }

    private void LinkReply(long replyId, Mention reply)
    {
        var post = reply.Post;
        if (post.InReplyTo is not null) _addKey.Bind(1, post.Source).Bind(2, post.InReplyTo).Bind(3, replyId).Execute();
        if (post.ConversationId is not null) _addKey.Bind(1, post.Source).Bind(2, ConversationPrefix + post.ConversationId).Bind(3, replyId).Execute();
        _sourceHasReplies[post.Source] = true;
        _targetsOf.Parameters["$source"].Value = post.Source;
        _targetsOf.Parameters["$a"].Value = (object?)post.InReplyTo ?? DBNull.Value;
        _targetsOf.Parameters["$b"].Value = (object?)post.ConversationId ?? DBNull.Value;
        _targetsOf.Parameters["$c"].Value = (object?)post.ConversationId ?? DBNull.Value;
        var at = post.CreatedAt.ToUnixTimeMilliseconds();
        var brands = reply.BrandPostOf;
        var targets = new List<long>();
        using (var reader = _targetsOf.ExecuteReader())
            while (reader.Read())
                if (reader.GetInt64(1) <= at && Shares(string.Join(SqliteMentionWriter.ListSeparator, brands), Split(reader.GetString(2))))
                    targets.Add(reader.GetInt64(0));
        foreach (var target in targets) Link(target, replyId, at, post.Author.Handle);
    }

    private void Link(long mentionId, long replyId, long at, string handle)
    {
        if (_link.Bind(1, mentionId).Bind(2, replyId).Bind(3, at).Execute() == 0) return;
        _first.Bind(1, mentionId).Bind(2, replyId).Bind(3, at).Execute();
        var before = State(mentionId);
        if (_replied.Bind(1, mentionId).Execute() == 0) return;
        _history.Bind(1, mentionId).Bind(2, at).Bind(3, LinkActor).Bind(4, before.Triage).Bind(5, before.Team).Bind(6, before.Assignee)
            .Bind(7, $"brand reply by @{handle}").Execute();
    }

    private MentionSupport State(long id)
    {
        _state.Parameters["$id"].Value = id;
        using var r = _state.ExecuteReader();
        r.Read();
        return new MentionSupport(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : new BrandReply(r.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))));
    }

    /// <summary>True when a brand of <paramref name="brandOf"/> (joined list) is one of <paramref name="watches"/>.</summary>
    private static bool Shares(string brandOf, IReadOnlyList<string> watches)
    {
        foreach (var brand in Split(brandOf))
            foreach (var watch in watches)
                if (string.Equals(brand, watch, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(SqliteMentionWriter.ListSeparator);

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        return command;
    }

    public void Dispose()
    {
        foreach (var statement in (RawStatement[])[_hasReply, _anyReply, _addKey, _link, _first, _replied, _history]) statement.Dispose();
        _repliesFor.Dispose();
        _targetsOf.Dispose();
        _state.Dispose();
    }
}
