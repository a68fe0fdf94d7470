using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Decides a support change on a mention as read: the new source, and the history entries and corrections it implies
/// (ids from the version read, <c>{mentionId}-{seq_no}</c>, unique because only one write from a version succeeds),
/// or null for no change.
/// </summary>
internal delegate IReadOnlyList<SupportDocument>? SupportChange(JsonObject source, StoredMention read);

/// <summary>
/// A support change is two writes (the mention, then its history entries and corrections) where SQLite has one
/// transaction. So that a crash between them loses nothing, the mention document carries the documents its last
/// change implies (<c>lastChange</c>, stored, not indexed): they are written again, idempotently, before the next change
/// replaces them, and reads of history and corrections add any that are not in their index yet.
/// </summary>
internal sealed class SupportChangeWriter(MentionDocumentUpdater mentions, SupportDocuments documents, ElasticsearchIndexNames names)
{
    public const string Field = "lastChange";

    /// <summary>Applies <paramref name="change"/> over the version read (again after a 409); null for an unknown mention.</summary>
    public async Task<(StoredMention Decided, long? NewSeqNo, IReadOnlyList<SupportDocument> Written)?> ChangeAsync(long mentionId, StoredMention? found,
        SupportChange change, bool waitForRefresh, CancellationToken cancellationToken)
    {
        IReadOnlyList<SupportDocument> implied = [];
        IReadOnlyList<SupportDocument> previous = [];
        var outcome = await mentions.UpdateAsync(mentionId, found, (source, read) =>
        {
            previous = Pending(read.Source);
            var decided = change(source, read);
            if (decided is null) return false;
            implied = decided;
            if (implied.Count > 0) source[Field] = new JsonArray(implied.Select(d => (JsonNode)Stored(d)).ToArray());
            return true;
        }, waitForRefresh, ct => documents.IndexAsync(previous, waitForRefresh: false, "the previous support change", ct), cancellationToken).ConfigureAwait(false);
        if (outcome is not { } done) return null;
        if (done.NewSeqNo is not null)
            await documents.IndexAsync(implied, waitForRefresh, "triage history and corrections", cancellationToken).ConfigureAwait(false);
        return (done.Decided, done.NewSeqNo, implied);
    }

    /// <summary>The documents the mention's last change implies, for reads that must not miss them.</summary>
    public IReadOnlyList<SupportDocument> Pending(JsonObject source) => source[Field] is JsonArray list
        ? list.Select(n => new SupportDocument(Index(n!["kind"]!.GetValue<string>()), n["_id"]!.GetValue<string>(), n["doc"]!.DeepClone().AsObject())).ToList()
        : [];

    private JsonObject Stored(SupportDocument document) => new()
    {
        ["kind"] = document.Index == names.Corrections ? "correction" : "history", ["_id"] = document.Id, ["doc"] = document.Source.DeepClone(),
    };

    private string Index(string kind) => kind == "correction" ? names.Corrections : names.TriageHistory;
}
