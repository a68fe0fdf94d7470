using System.Globalization;
using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Triage, history, corrections, brand replies and response rows on the cluster. Triage state, team, assignee and the
/// first brand reply are fields of the mention document (the query DSL and Kibana filter on them); history entries,
/// corrections, identity links and reply links are documents of their own indices. The SQLite store does a move in one
/// transaction; here the mention document is the arbiter: it is rewritten with <c>if_seq_no</c>/<c>if_primary_term</c>
/// (see <see cref="MentionDocumentUpdater"/>), so of two agents moving the same mention one wins and the other's move
/// is checked again against the state the winner stored. The history entry (and, for <c>ignored</c>, the needs-reply
/// correction) is written after, under an id made of the mention id and the seq_no the move was decided on, so a
/// resend overwrites it, and is carried on the mention until the next change (<see cref="SupportChangeWriter"/>), so a
/// crash in between loses nothing. Every write here waits for a refresh: the next screen reads it.
/// </summary>
public sealed partial class ElasticsearchSupportStore : ISupportStore
{
    private readonly ElasticsearchIndexNames _names;
    private readonly MentionDocumentUpdater _mentions;
    private readonly SupportDocuments _documents;
    private readonly SupportChangeWriter _changes;

    /// <summary>The support roles over <paramref name="store"/>'s cluster and index prefix.</summary>
    public ElasticsearchSupportStore(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _names = store.Names;
        _mentions = new MentionDocumentUpdater(store.Connection, store.Names);
        _documents = new SupportDocuments(store.Connection);
        _changes = new SupportChangeWriter(_mentions, _documents, store.Names);
    }

    public async Task<TriageOutcome> TriageAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? refusedFrom = null;
        MentionSupport? after = null;
        var outcome = await _changes.ChangeAsync(request.MentionId, null, (source, read) =>
        {
            var current = MentionDocument.ReadSupport(ToElement(read.Source));
            if (!TriageStates.AllowedFrom(current.Triage).Contains(request.Move))
            {
                refusedFrom = current.Triage;
                return null;
            }
            refusedFrom = null;
            after = current with
            {
                Triage = TriageStates.Target(request.Move),
                Team = request.Team ?? current.Team,
                Assignee = request.Assignee ?? current.Assignee,
            };
            WriteSupport(source, after);
            var implied = new List<SupportDocument>
            {
                HistoryEntry(_names, request.MentionId, read.SeqNo, request.At, request.Actor, current.Triage, request.Move, after.Team, after.Assignee, request.Note),
            };
            if (request.ImpliedCorrection(read.Source["needsReply"]!["value"]!.GetValue<bool>()) is { } correction)
                implied.Add(CorrectionDocument(_names, correction, read.SeqNo));
            return implied;
        }, waitForRefresh: true, cancellationToken).ConfigureAwait(false);

        if (outcome is null) return new TriageOutcome(TriageResult.NotFound, null, []);
        if (refusedFrom is not null) return new TriageOutcome(TriageResult.NotAllowed, refusedFrom, TriageStates.AllowedFrom(refusedFrom));
        return new TriageOutcome(TriageResult.Changed, after!.Triage, TriageStates.AllowedFrom(after.Triage), after);
    }

    public async Task<IReadOnlyList<TriageEntry>?> HistoryAsync(long mentionId, CancellationToken cancellationToken)
    {
        if (await _mentions.FindAsync(mentionId, cancellationToken).ConfigureAwait(false) is not { } mention) return null;
        var sources = await WithPendingAsync(_names.TriageHistory, mention, "the triage history", cancellationToken).ConfigureAwait(false);
        return sources.Select(s => new TriageEntry(s["seq"]!.GetValue<long>(), Date(s["at"]), Text(s["actor"]),
            s["from"]!.GetValue<string>(), s["to"]!.GetValue<string>(), Text(s["team"]), Text(s["assignee"]), Text(s["note"]))).ToList();
    }

    public async Task<IReadOnlyList<Correction>> CorrectionsAsync(long mentionId, CancellationToken cancellationToken)
    {
        if (await _mentions.FindAsync(mentionId, cancellationToken).ConfigureAwait(false) is not { } mention) return [];
        var sources = await WithPendingAsync(_names.Corrections, mention, "corrections", cancellationToken).ConfigureAwait(false);
        return sources.Select(ReadCorrection).ToList();
    }

    /// <summary>
    /// A mention's documents of <paramref name="index"/>, oldest first, with those its last change implies but that are
    /// not indexed yet (a crash between the mention and them, or a refresh not come yet).
    /// </summary>
    private async Task<List<JsonNode>> WithPendingAsync(string index, StoredMention mention, string what, CancellationToken cancellationToken)
    {
        var hits = await _documents.SearchAllAsync(index, ByMention(mention.MentionId), what, cancellationToken).ConfigureAwait(false);
        var ids = hits.Select(h => h["_id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var sources = hits.Select(h => h["_source"]!).ToList();
        foreach (var pending in _changes.Pending(mention.Source).Where(d => d.Index == index && !ids.Contains(d.Id)))
            sources.Add(pending.Source);
        return sources.OrderBy(s => s["seq"]!.GetValue<long>()).ToList();
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<BrandReply>>> RepliesAsync(IReadOnlyList<long> mentionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentionIds);
        var ids = mentionIds.Distinct().ToList();
        var result = ids.ToDictionary(id => id, _ => (IReadOnlyList<BrandReply>)[]);
        if (ids.Count == 0) return result;
        var request = new JsonObject
        {
            ["query"] = new JsonObject { ["terms"] = new JsonObject { ["mentionId"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()) } },
            ["sort"] = new JsonArray(Ascending("replyAt"), Ascending("replyId"), Ascending("mentionId")),
        };
        var hits = await _documents.SearchAllAsync(_names.ReplyLinks, request, "brand replies", cancellationToken).ConfigureAwait(false);
        foreach (var group in hits.Select(h => h["_source"]!).GroupBy(s => s["mentionId"]!.GetValue<long>()))
            result[group.Key] = group.Select(s => new BrandReply(s["replyId"]!.GetValue<long>(), Date(s["replyAt"]))).ToList();
        return result;
    }

    /// <summary>Writes the support fields into a mention document's source.</summary>
    internal static void WriteSupport(JsonObject source, MentionSupport support)
    {
        source["triage"] = support.Triage;
        SetOrRemove(source, "team", support.Team);
        SetOrRemove(source, "assignee", support.Assignee);
        if (support.FirstReply is { } first)
            source["firstReply"] = new JsonObject { ["id"] = first.Id, ["at"] = SupportDocuments.Time(first.At) };
        else source.Remove("firstReply");
    }

    internal static SupportDocument HistoryEntry(ElasticsearchIndexNames names, long mentionId, long seqNo, DateTimeOffset at, string? actor, string from,
        string to, string? team, string? assignee, string? note) =>
        new(names.TriageHistory, Key(mentionId, seqNo), new JsonObject
        {
            ["mentionId"] = mentionId, ["seq"] = seqNo, ["at"] = SupportDocuments.Time(at), ["actor"] = actor, ["from"] = from, ["to"] = to,
            ["team"] = team, ["assignee"] = assignee, ["note"] = note,
        });

    internal static SupportDocument CorrectionDocument(ElasticsearchIndexNames names, Correction c, long seqNo) =>
        new(names.Corrections, Key(c.MentionId, seqNo) + "-" + c.Field, new JsonObject
        {
            ["mentionId"] = c.MentionId, ["seq"] = seqNo, ["field"] = c.Field, ["oldValue"] = c.OldValue, ["newValue"] = c.NewValue,
            ["actor"] = c.Actor, ["at"] = SupportDocuments.Time(c.At), ["note"] = c.Note,
        });

    private static Correction ReadCorrection(JsonNode s) => new(s["mentionId"]!.GetValue<long>(), s["field"]!.GetValue<string>(),
        s["oldValue"]!.GetValue<string>(), s["newValue"]!.GetValue<string>(), Text(s["actor"]), Date(s["at"]), Text(s["note"]));

    /// <summary>Oldest first: seq orders one mention's entries as its document's versions did.</summary>
    private static JsonObject ByMention(long mentionId) => new()
    {
        ["query"] = new JsonObject { ["term"] = new JsonObject { ["mentionId"] = mentionId } },
        ["sort"] = new JsonArray(Ascending("seq"), Ascending("at")),
    };

    internal static JsonObject Ascending(string field) => new() { [field] = new JsonObject { ["order"] = "asc" } };

    private static string Key(long mentionId, long seqNo) => string.Create(CultureInfo.InvariantCulture, $"{mentionId}-{seqNo}");

    private static void SetOrRemove(JsonObject source, string name, string? value)
    {
        if (value is null) source.Remove(name);
        else source[name] = value;
    }

    internal static System.Text.Json.JsonElement ToElement(JsonObject source)
    {
        using var document = System.Text.Json.JsonDocument.Parse(IndexDefinitions.ToJson(source));
        return document.RootElement.Clone();
    }

    private static DateTimeOffset Date(JsonNode? value) =>
        DateTimeOffset.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? Text(JsonNode? value) => value?.GetValue<string>();
}
