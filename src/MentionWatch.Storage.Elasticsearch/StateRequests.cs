using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>One write of a state _bulk: <c>index</c> replaces the document, <c>create</c> writes it only if its id is new.</summary>
internal readonly record struct StateWrite(string Operation, string Index, string Id, JsonObject Document)
{
    public static StateWrite Replace(string index, string id, JsonObject document) => new("index", index, id, document);
    public static StateWrite CreateOnce(string index, string id, JsonObject document) => new("create", index, id, document);
}

/// <summary>A document read by id, with the numbers a compare-and-set write names (<c>if_seq_no</c>, <c>if_primary_term</c>).</summary>
internal sealed record StateDocument(JsonElement Source, long SeqNo, long PrimaryTerm);

/// <summary>
/// The requests the state stores make: small bulks whose every item is checked, real-time GETs by id, single-document
/// writes and deletes, and searches paged with <c>search_after</c> so no result window caps them.
/// </summary>
internal sealed class StateRequests(ElasticsearchConnection connection)
{
    private const string BulkFilter = "filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason";
    public const int PageSize = 1000;

    /// <summary>
    /// Sends the writes as one _bulk and throws unless every item was stored; a <c>create</c> answered 409 counts as
    /// stored (its id was written before: the replay of a step is a no-op, never a second copy).
    /// </summary>
    public async Task BulkAsync(IReadOnlyList<StateWrite> writes, bool waitForRefresh, string what, CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        foreach (var write in writes)
        {
            var action = new JsonObject { [write.Operation] = new JsonObject { ["_index"] = write.Index, ["_id"] = write.Id } };
            body.Append(IndexDefinitions.ToJson(action)).Append('\n').Append(IndexDefinitions.ToJson(write.Document)).Append('\n');
        }
        var path = "/_bulk?" + BulkFilter + (waitForRefresh ? "&refresh=wait_for" : "");
        var response = await connection.SendAsync(HttpMethod.POST, path, Encoding.UTF8.GetBytes(body.ToString()), cancellationToken, ndjson: true)
            .ConfigureAwait(false);
        using var json = ElasticsearchConnection.EnsureSuccess(response, what).Json();
        if (!json.RootElement.TryGetProperty("errors", out var errors) || !errors.GetBoolean()) return;
        var refused = new List<string>();
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var (verdict, type, reason) = BulkItemClassifier.Classify(items[i]);
            if (verdict == BulkItemVerdict.Created || (verdict == BulkItemVerdict.Duplicate && writes[i].Operation == "create")) continue;
            refused.Add($"{writes[i].Index}/{writes[i].Id}: {type ?? "error"}: {reason ?? "no reason given"}");
        }
        if (refused.Count > 0)
            throw new ElasticsearchStoreException($"{what}: the cluster refused {refused.Count} of {writes.Count} documents ({string.Join("; ", refused.Take(3))})");
    }

    /// <summary>A GET by id is real-time: it sees every acknowledged write, refreshed or not. Null when missing.</summary>
    public async Task<StateDocument?> GetAsync(string index, string id, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.GET, DocumentPath(index, id), (string?)null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404) return null;
        using var json = ElasticsearchConnection.EnsureSuccess(response, what).Json();
        var root = json.RootElement;
        if (!root.GetProperty("found").GetBoolean()) return null;
        return new StateDocument(root.GetProperty("_source").Clone(), root.GetProperty("_seq_no").GetInt64(), root.GetProperty("_primary_term").GetInt64());
    }

    /// <summary>Creates or replaces one document; true when it was created.</summary>
    public async Task<bool> PutAsync(string index, string id, JsonObject document, bool waitForRefresh, string what, CancellationToken cancellationToken)
    {
        var path = DocumentPath(index, id) + (waitForRefresh ? "?refresh=wait_for" : "");
        var response = await connection.SendAsync(HttpMethod.PUT, path, IndexDefinitions.ToJson(document), cancellationToken).ConfigureAwait(false);
        using var json = ElasticsearchConnection.EnsureSuccess(response, what).Json();
        return json.RootElement.GetProperty("result").GetString() == "created";
    }

    /// <summary>A write guarded by the given query (op_type=create or if_seq_no/if_primary_term); false when another writer was first (409).</summary>
    public async Task<bool> PutIfAsync(string index, string id, string condition, JsonObject document, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.PUT, DocumentPath(index, id) + "?" + condition, IndexDefinitions.ToJson(document), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == 409) return false;
        ElasticsearchConnection.EnsureSuccess(response, what);
        return true;
    }

    /// <summary>False when there was no such document.</summary>
    public async Task<bool> DeleteAsync(string index, string id, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.DELETE, DocumentPath(index, id) + "?refresh=wait_for", (string?)null, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == 404) return false;
        using var json = ElasticsearchConnection.EnsureSuccess(response, what).Json();
        return json.RootElement.GetProperty("result").GetString() == "deleted";
    }

    /// <summary>Makes every acknowledged write searchable now: for the reads a restart must not get wrong.</summary>
    public async Task RefreshAsync(string indices, CancellationToken cancellationToken) =>
        ElasticsearchConnection.EnsureSuccess(await connection.SendAsync(HttpMethod.POST, $"/{indices}/_refresh", (string?)null, cancellationToken)
            .ConfigureAwait(false), "refreshing " + indices);

    /// <summary>One search; the hits' <c>_source</c>, and the response for aggregations.</summary>
    public async Task<(List<JsonElement> Sources, JsonElement Response)> SearchAsync(string index, JsonObject request, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.POST, $"/{index}/_search", IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false);
        using var json = ElasticsearchConnection.EnsureSuccess(response, what).Json();
        var root = json.RootElement.Clone();
        return (Hits(root).Select(h => h.GetProperty("_source")).ToList(), root);
    }

    /// <summary>
    /// Every hit of the query in the order of <paramref name="sort"/> (which must end in a unique field), a page at a time
    /// with <c>search_after</c> the last hit's sort values.
    /// </summary>
    public async IAsyncEnumerable<JsonElement> SearchAllAsync(string index, JsonObject query, JsonArray sort, string what,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonNode? after = null;
        while (true)
        {
            var request = new JsonObject { ["size"] = PageSize, ["query"] = query.DeepClone(), ["sort"] = sort.DeepClone() };
            if (after is not null) request["search_after"] = after;
            var response = await connection.SendAsync(HttpMethod.POST, $"/{index}/_search", IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false);
            List<JsonElement> hits;
            using (var json = ElasticsearchConnection.EnsureSuccess(response, what).Json()) hits = Hits(json.RootElement.Clone()).ToList();
            foreach (var hit in hits) yield return hit.GetProperty("_source");
            if (hits.Count < PageSize) yield break;
            after = JsonNode.Parse(hits[^1].GetProperty("sort").GetRawText());
        }
    }

    public static JsonObject Term(string field, JsonNode? value) => new() { ["term"] = new JsonObject { [field] = value } };

    /// <summary>A keyword term that ignores case, as SQLite's COLLATE NOCASE columns compare.</summary>
    public static JsonObject TermIgnoringCase(string field, string value) =>
        new() { ["term"] = new JsonObject { [field] = new JsonObject { ["value"] = value, ["case_insensitive"] = true } } };

    public static JsonArray Sort(params (string Field, string Order)[] fields) =>
        new(fields.Select(f => (JsonNode)new JsonObject { [f.Field] = new JsonObject { ["order"] = f.Order } }).ToArray());

    private static IEnumerable<JsonElement> Hits(JsonElement root) =>
        root.TryGetProperty("hits", out var hits) && hits.TryGetProperty("hits", out var list) ? list.EnumerateArray() : [];

    private static string DocumentPath(string index, string id) => $"/{index}/_doc/{Uri.EscapeDataString(id)}";
}
