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
/// correction) is written after, under an id made of the mention id and the seq_no the move produced, so a resend
/// overwrites it. Every write here waits for a refresh: the next screen reads it.
/// </summary>
public sealed partial class ElasticsearchSupportStore : ISupportStore
{
    private readonly ElasticsearchIndexNames _names;
    private readonly MentionDocumentUpdater _mentions;
    private readonly SupportDocuments _documents;

    /// <summary>The support roles over <paramref name="store"/>'s cluster and index prefix.</summary>
    public ElasticsearchSupportStore(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _names = store.Names;
        _mentions = new MentionDocumentUpdater(store.Connection, store.Names);
        _documents = new SupportDocuments(store.Connection);
    }

    public async Task<TriageOutcome> TriageAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? refusedFrom = null;
        MentionSupport? after = null;
        var outcome = await _mentions.UpdateAsync(request.MentionId, null, source =>
        {
            var current = MentionDocument.ReadSupport(ToElement(source));
            if (!TriageStates.AllowedFrom(current.Triage).Contains(request.Move))
            {
                refusedFrom = current.Triage;
                return false;
            }
            refusedFrom = null;
            after = current with
            {
                Triage = TriageStates.Target(request.Move),
                Team = request.Team ?? current.Team,
                Assignee = request.Assignee ?? current.Assignee,
            };
            WriteSupport(source, after);
            return true;
        }, waitForRefresh: true, cancellationToken).ConfigureAwait(false);

        if (outcome is not { } moved) return new TriageOutcome(TriageResult.NotFound, null, []);
        if (refusedFrom is not null || moved.NewSeqNo is not { } seqNo)
            return new TriageOutcome(TriageResult.NotAllowed, refusedFrom, TriageStates.AllowedFrom(refusedFrom ?? TriageStates.New));

        var before = MentionDocument.ReadSupport(ToElement(moved.Decided.Source));
        var documents = new List<SupportDocument>
        {
            HistoryEntry(request.MentionId, seqNo, request.At, request.Actor, before.Triage, request.Move, after!.Team, after.Assignee, request.Note),
        };
        // "No reply needed" is a label the needs-reply classifier got wrong (when it said yes): kept for retraining.
        if (request.Move == TriageStates.Ignored)
        {
            var needed = moved.Decided.Source["needsReply"]!["value"]!.GetValue<bool>();
            documents.Add(CorrectionDocument(new Correction(request.MentionId, "needsReply", Bool(needed), "false", request.Actor, request.At), seqNo));
        }
        await _documents.IndexAsync(documents, waitForRefresh: true, "the triage history", cancellationToken).ConfigureAwait(false);
        return new TriageOutcome(TriageResult.Changed, after.Triage, TriageStates.AllowedFrom(after.Triage), after);
    }

    public async Task<IReadOnlyList<TriageEntry>?> HistoryAsync(long mentionId, CancellationToken cancellationToken)
    {
        if (await _mentions.FindAsync(mentionId, cancellationToken).ConfigureAwait(false) is null) return null;
        var hits = await _documents.SearchAllAsync(_names.TriageHistory, ByMention(mentionId), "the triage history", cancellationToken).ConfigureAwait(false);
        return hits.Select(h => h["_source"]!).Select(s => new TriageEntry(s["seq"]!.GetValue<long>(), Date(s["at"]), Text(s["actor"]),
            s["from"]!.GetValue<string>(), s["to"]!.GetValue<string>(), Text(s["team"]), Text(s["assignee"]), Text(s["note"]))).ToList();
    }

    public async Task<IReadOnlyList<Correction>> CorrectionsAsync(long mentionId, CancellationToken cancellationToken)
    {
        var hits = await _documents.SearchAllAsync(_names.Corrections, ByMention(mentionId), "corrections", cancellationToken).ConfigureAwait(false);
        return hits.Select(h => ReadCorrection(h["_source"]!)).ToList();
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

    private SupportDocument HistoryEntry(long mentionId, long seqNo, DateTimeOffset at, string? actor, string from, string to, string? team,
        string? assignee, string? note) => HistoryEntry(_names, mentionId, seqNo, at, actor, from, to, team, assignee, note);

    private SupportDocument CorrectionDocument(Correction c, long seqNo) =>
        new(_names.Corrections, Key(c.MentionId, seqNo) + "-" + c.Field, new JsonObject
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

    private static string Bool(bool value) => value ? "true" : "false";
}
