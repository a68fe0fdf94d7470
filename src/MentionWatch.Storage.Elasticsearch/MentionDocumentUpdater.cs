using System.Globalization;
using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>A stored mention document with where it lives and the version it was read at.</summary>
internal sealed record StoredMention(string Index, string DocumentId, long SeqNo, long PrimaryTerm, JsonObject Source)
{
    public long MentionId => Source["id"]!.GetValue<long>();
}

/// <summary>Changes <paramref name="source"/> (a copy of <paramref name="read"/>'s); false when there is nothing to write.</summary>
internal delegate bool MentionChange(JsonObject source, StoredMention read);

/// <summary>
/// Changes one mention document in place with optimistic concurrency, the store's stand-in for a row lock. Mentions
/// live in a data stream, which only takes <c>create</c>: an existing document is rewritten in its backing index (the
/// <c>_index</c> of the hit) with <c>if_seq_no</c>/<c>if_primary_term</c> of the version it was read at. A 409 means
/// someone else changed it first: the document is read again with a real-time GET (a search may still show the old
/// version until the next refresh) and the change is decided again on what is stored now, so two moves never both win.
/// </summary>
internal sealed class MentionDocumentUpdater(ElasticsearchConnection connection, ElasticsearchIndexNames names)
{
    /// <summary>Conflicts in a row before giving up: each one means another writer did succeed.</summary>
    public const int MaxAttempts = 8;

    /// <summary>Finds a mention by id (a search: _index and _id never change, the version may lag one refresh).</summary>
    public async Task<StoredMention?> FindAsync(long mentionId, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["size"] = 1,
            ["seq_no_primary_term"] = true,
            ["query"] = new JsonObject { ["term"] = new JsonObject { ["id"] = mentionId } },
        };
        var response = ElasticsearchConnection.EnsureSuccess(await connection.SendAsync(HttpMethod.POST, $"/{names.Mentions}/_search",
            IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false), "finding a mention");
        var hits = JsonNode.Parse(response.Body)!["hits"]!["hits"]!.AsArray();
        return hits.Count == 0 ? null : Stored(hits[0]!.AsObject());
    }

    /// <summary>Several mentions by id, as <see cref="FindAsync"/> does for one.</summary>
    public async Task<IReadOnlyList<StoredMention>> FindManyAsync(IReadOnlyCollection<long> mentionIds, CancellationToken cancellationToken)
    {
        if (mentionIds.Count == 0) return [];
        var request = new JsonObject
        {
            ["size"] = mentionIds.Count,
            ["seq_no_primary_term"] = true,
            ["query"] = new JsonObject { ["terms"] = new JsonObject { ["id"] = new JsonArray(mentionIds.Select(id => (JsonNode)id).ToArray()) } },
        };
        var response = ElasticsearchConnection.EnsureSuccess(await connection.SendAsync(HttpMethod.POST, $"/{names.Mentions}/_search",
            IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false), "finding mentions");
        return JsonNode.Parse(response.Body)!["hits"]!["hits"]!.AsArray().Select(h => Stored(h!.AsObject())).ToList();
    }

    /// <summary>The current version, real time (GET by id sees every acknowledged write, refreshed or not).</summary>
    public async Task<StoredMention?> ReadAsync(string index, string documentId, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.GET, $"/{Uri.EscapeDataString(index)}/_doc/{Uri.EscapeDataString(documentId)}",
            (string?)null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404) return null;
        ElasticsearchConnection.EnsureSuccess(response, "reading a mention");
        var json = JsonNode.Parse(response.Body)!.AsObject();
        return json["found"]?.GetValue<bool>() == true ? Stored(json) : null;
    }

    /// <summary>
    /// Writes <paramref name="source"/> over the version <paramref name="read"/>; the new seq_no, or null when the
    /// document changed since (409).
    /// </summary>
    public async Task<long?> WriteAsync(StoredMention read, JsonObject source, bool waitForRefresh, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"/{Uri.EscapeDataString(read.Index)}/_doc/{Uri.EscapeDataString(read.DocumentId)}?if_seq_no={read.SeqNo}&if_primary_term={read.PrimaryTerm}");
        if (waitForRefresh) path += "&refresh=wait_for";
        var response = await connection.SendAsync(HttpMethod.PUT, path, IndexDefinitions.ToJson(source), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 409) return null;
        ElasticsearchConnection.EnsureSuccess(response, "updating a mention");
        return JsonNode.Parse(response.Body)!["_seq_no"]!.GetValue<long>();
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored mention until it is written over the version it was decided on.
    /// Returns the version the change was decided on (as read, before the change) and its new seq_no (null when the change wrote nothing), or null
    /// for an unknown mention. <paramref name="found"/> may be a version read earlier (a search hit);
    /// <paramref name="beforeWrite"/> runs before each conditional write (see <see cref="SupportChangeWriter"/>).
    /// </summary>
    public async Task<(StoredMention Decided, long? NewSeqNo)?> UpdateAsync(long mentionId, StoredMention? found, MentionChange change, bool waitForRefresh,
        Func<CancellationToken, Task>? beforeWrite, CancellationToken cancellationToken)
    {
        var current = found ?? await FindAsync(mentionId, cancellationToken).ConfigureAwait(false);
        if (current is null) return null;
        for (var attempt = 1; ; attempt++)
        {
            var source = current.Source.DeepClone().AsObject();
            if (!change(source, current)) return (current, null);
            if (beforeWrite is not null) await beforeWrite(cancellationToken).ConfigureAwait(false);
            if (await WriteAsync(current, source, waitForRefresh, cancellationToken).ConfigureAwait(false) is { } seqNo)
                return (current, seqNo);
            if (attempt == MaxAttempts)
                throw new ElasticsearchStoreException($"mention {mentionId} kept changing under {MaxAttempts} attempts to update it", 409, "version_conflict_engine_exception");
            current = await ReadAsync(current.Index, current.DocumentId, cancellationToken).ConfigureAwait(false)
                ?? throw new ElasticsearchStoreException($"mention {mentionId} disappeared while it was being updated", 404);
        }
    }

    private static StoredMention Stored(JsonObject hit) => new(
        hit["_index"]!.GetValue<string>(), hit["_id"]!.GetValue<string>(), hit["_seq_no"]!.GetValue<long>(), hit["_primary_term"]!.GetValue<long>(),
        hit["_source"]!.AsObject());
}
