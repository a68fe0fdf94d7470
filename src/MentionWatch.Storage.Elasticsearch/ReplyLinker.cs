using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>One side of a possible reply link: a mention of the batch, or one found in the cluster.</summary>
internal sealed record LinkSide(long Id, string Source, string ExternalId, string? InReplyTo, string? ConversationId, IReadOnlyList<string> Watches,
    IReadOnlyList<string> BrandOf, DateTimeOffset At, string Handle)
{
    public static LinkSide Of(long id, Mention m) => new(id, m.Post.Source, m.Post.ExternalId, m.Post.InReplyTo, m.Post.ConversationId, m.Watches,
        m.BrandPostOf, m.Post.CreatedAt, m.Post.Author.Handle);

    public static LinkSide Of(JsonObject source) => Of(source["id"]!.GetValue<long>(), MentionDocument.Read(ElasticsearchSupportStore.ToElement(source)));

    /// <summary>
    /// The SQLite linker's rule: same source; this is a brand post (of a brand among the target's watches) and the
    /// target is not; posted no earlier; and it replies to the target, belongs to the conversation the target
    /// started, or to the target's own conversation.
    /// </summary>
    public bool Answers(LinkSide target) =>
        Id != target.Id && Source == target.Source && BrandOf.Count > 0 && target.BrandOf.Count == 0 && At >= target.At
        && BrandOf.Any(b => target.Watches.Contains(b, StringComparer.Ordinal))
        && (InReplyTo == target.ExternalId || ConversationId == target.ExternalId || (ConversationId is not null && ConversationId == target.ConversationId));
}

/// <summary>
/// Links brand replies to the mentions they answer after a batch's mentions are acknowledged, whichever arrives first:
/// pairs inside the batch are matched in memory, and one search per side finds the counterparts stored before (the
/// mentions a reply answers; the replies waiting for a mention). A link is a document <c>{mentionId}-{replyId}</c> of
/// the reply-links index; the mention's <c>firstReply</c> (earliest by post time) and the move new/assigned → replied,
/// with its history entry, are written over the version read (<see cref="MentionDocumentUpdater"/>). Everything is
/// idempotent, so a batch sent again after a crash links again to the same result.
/// A counterpart is visible to the search only after a refresh: one stored by another batch less than the refresh
/// interval before may be missed (with <c>WaitForRefresh</c> every batch is searchable when acknowledged, so the later
/// of two batches always sees the earlier).
/// </summary>
internal sealed class ReplyLinker(ElasticsearchConnection connection, ElasticsearchIndexNames names, ElasticsearchStoreOptions options)
{
    public const string LinkActor = "reply-link";
    /// <summary>Ids per terms array: well under Elasticsearch's 65,536, and one search for a default-sized batch.</summary>
    private const int SidesPerSearch = 1000;

    private readonly MentionDocumentUpdater _mentions = new(connection, names);
    private readonly SupportDocuments _documents = new(connection);
    private readonly SupportChangeWriter _changes = new(new MentionDocumentUpdater(connection, names), new SupportDocuments(connection), names);

    /// <summary>Links the batch's stored mentions; <paramref name="written"/> maps a created mention id to its backing index and _id.</summary>
    public async Task LinkAsync(IReadOnlyList<LinkSide> batch, IReadOnlyDictionary<long, (string Index, string DocumentId)> written, CancellationToken cancellationToken)
    {
        var replies = batch.Where(s => s.BrandOf.Count > 0 && (s.InReplyTo is not null || s.ConversationId is not null)).ToList();
        var mentions = batch.Where(s => s.BrandOf.Count == 0 && s.Watches.Count > 0).ToList();
        if (replies.Count == 0 && mentions.Count == 0) return;

        var links = new Dictionary<(long Mention, long Reply), LinkSide>();
        var found = new Dictionary<long, StoredMention>();
        foreach (var reply in replies)
            foreach (var mention in mentions)
                if (reply.Answers(mention)) links.TryAdd((mention.Id, reply.Id), reply);
        foreach (var chunk in Chunks(replies))
            foreach (var hit in await SearchAsync(TargetsQuery(chunk[0].Source, chunk), cancellationToken).ConfigureAwait(false))
            {
                var target = LinkSide.Of(hit.Source);
                foreach (var reply in chunk.Where(r => r.Answers(target)))
                {
                    links.TryAdd((target.Id, reply.Id), reply);
                    found[target.Id] = hit;
                }
            }
        foreach (var chunk in Chunks(mentions))
            foreach (var hit in await SearchAsync(WaitingQuery(chunk[0].Source, chunk), cancellationToken).ConfigureAwait(false))
            {
                var reply = LinkSide.Of(hit.Source);
                foreach (var mention in chunk.Where(reply.Answers)) links.TryAdd((mention.Id, reply.Id), reply);
            }
        if (links.Count == 0) return;

        await _documents.IndexAsync(links.Select(l => new SupportDocument(names.ReplyLinks, $"{l.Key.Mention}-{l.Key.Reply}", new JsonObject
        {
            ["mentionId"] = l.Key.Mention, ["replyId"] = l.Key.Reply, ["replyAt"] = SupportDocuments.Time(l.Value.At), ["handle"] = l.Value.Handle,
        })).ToList(), options.WaitForRefresh, "brand reply links", cancellationToken).ConfigureAwait(false);

        foreach (var target in links.GroupBy(l => l.Key.Mention))
        {
            var earliest = target.Select(l => l.Value).OrderBy(r => r.At).ThenBy(r => r.Id).First();
            var stored = found.GetValueOrDefault(target.Key) ?? (written.TryGetValue(target.Key, out var at)
                ? await _mentions.ReadAsync(at.Index, at.DocumentId, cancellationToken).ConfigureAwait(false)
                : await _mentions.FindAsync(target.Key, cancellationToken).ConfigureAwait(false));
            if (stored is null) continue;
            await LinkFirstReplyAsync(target.Key, stored, earliest, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task LinkFirstReplyAsync(long mentionId, StoredMention stored, LinkSide reply, CancellationToken cancellationToken) =>
        _changes.ChangeAsync(mentionId, stored, (source, read) =>
        {
            var current = MentionDocument.ReadSupport(ElasticsearchSupportStore.ToElement(read.Source));
            var first = current.FirstReply is { } f && (f.At < reply.At || (f.At == reply.At && f.Id <= reply.Id)) ? f : new BrandReply(reply.Id, reply.At);
            var triage = current.Triage is TriageStates.New or TriageStates.Assigned ? TriageStates.Replied : current.Triage;
            if (first == current.FirstReply && triage == current.Triage) return null;
            ElasticsearchSupportStore.WriteSupport(source, current with { FirstReply = first, Triage = triage });
            return triage == current.Triage
                ? []
                : [ElasticsearchSupportStore.HistoryEntry(names, mentionId, read.SeqNo, reply.At, LinkActor, current.Triage, TriageStates.Replied,
                    current.Team, current.Assignee, $"brand reply by @{reply.Handle}")];
        }, options.WaitForRefresh, cancellationToken);

    private static IEnumerable<LinkSide[]> Chunks(IEnumerable<LinkSide> sides) =>
        sides.GroupBy(s => s.Source, StringComparer.Ordinal).SelectMany(g => g.Chunk(SidesPerSearch));

    private async Task<List<StoredMention>> SearchAsync(JsonObject query, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["seq_no_primary_term"] = true,
            ["track_total_hits"] = false,
            ["query"] = query,
            ["sort"] = new JsonArray(ElasticsearchSupportStore.Ascending("id")),
        };
        var hits = await _documents.SearchAllAsync(names.Mentions, request, "reply link candidates", cancellationToken).ConfigureAwait(false);
        return hits.Select(h => new StoredMention(h["_index"]!.GetValue<string>(), h["_id"]!.GetValue<string>(), h["_seq_no"]!.GetValue<long>(),
            h["_primary_term"]!.GetValue<long>(), h["_source"]!.AsObject())).ToList();
    }

    /// <summary>
    /// Mentions (not brand posts) of one source the replies may answer: a coarse filter of a few <c>terms</c> (a
    /// batch's worth of ids in one array each, not a clause per reply), from which <see cref="LinkSide.Answers"/> picks.
    /// </summary>
    internal static JsonObject TargetsQuery(string source, IReadOnlyCollection<LinkSide> replies) => new()
    {
        ["bool"] = new JsonObject
        {
            ["filter"] = new JsonArray(Term("source", source), Range("lte", replies.Max(r => r.At)), Terms("watches", replies.SelectMany(r => r.BrandOf))),
            ["should"] = new JsonArray(
                Terms("externalId", replies.SelectMany(r => new[] { r.InReplyTo, r.ConversationId }).OfType<string>()),
                Terms("conversationId", replies.Select(r => r.ConversationId).OfType<string>())),
            ["minimum_should_match"] = 1,
            ["must_not"] = new JsonArray(Exists("brandPostOf")),
        },
    };

    /// <summary>Brand replies of one source already stored that may answer the mentions, as coarse as <see cref="TargetsQuery"/>.</summary>
    internal static JsonObject WaitingQuery(string source, IReadOnlyCollection<LinkSide> mentions) => new()
    {
        ["bool"] = new JsonObject
        {
            ["filter"] = new JsonArray(Term("source", source), Exists("brandPostOf"), Range("gte", mentions.Min(m => m.At)),
                Terms("brandPostOf", mentions.SelectMany(m => m.Watches))),
            ["should"] = new JsonArray(
                Terms("inReplyTo", mentions.Select(m => m.ExternalId)),
                Terms("conversationId", mentions.SelectMany(m => new[] { m.ExternalId, m.ConversationId }).OfType<string>())),
            ["minimum_should_match"] = 1,
        },
    };

    private static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Terms(string field, IEnumerable<string> values) => new()
    {
        ["terms"] = new JsonObject { [field] = new JsonArray(values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => (JsonNode)v).ToArray()) },
    };

    private static JsonObject Range(string op, DateTimeOffset at) => new()
    {
        ["range"] = new JsonObject { ["@timestamp"] = new JsonObject { [op] = at.ToUnixTimeMilliseconds(), ["format"] = "epoch_millis" } },
    };

    private static JsonObject Exists(string field) => new() { ["exists"] = new JsonObject { ["field"] = field } };
}
