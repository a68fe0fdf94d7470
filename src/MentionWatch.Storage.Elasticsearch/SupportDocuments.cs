using System.Globalization;
using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>One document of a support index (history entry, correction, identity link, reply link) under its deterministic id.</summary>
internal sealed record SupportDocument(string Index, string Id, JsonObject Source);

/// <summary>
/// Writes and reads the support indices. Every document has a deterministic id (derived from what it records), and
/// is written with <c>index</c>, so a write sent twice, after a timeout or a crash, overwrites itself instead of
/// adding a second entry.
/// </summary>
internal sealed class SupportDocuments(ElasticsearchConnection connection)
{
    // The state stores' bulk: the same body, per-item check and error message for every plain state document.
    private readonly StateRequests _requests = new(connection);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes the documents in one _bulk; <paramref name="waitForRefresh"/> makes them searchable before it returns,
    /// which the people-driven writes (triage, corrections, links) always ask for: the next screen reads them.
    /// </summary>
    public Task IndexAsync(IReadOnlyList<SupportDocument> documents, bool waitForRefresh, string what, CancellationToken cancellationToken) =>
        documents.Count == 0
            ? Task.CompletedTask
            : _requests.BulkAsync([.. documents.Select(d => StateWrite.Replace(d.Index, d.Id, d.Source))], waitForRefresh, "writing " + what, cancellationToken);

    /// <summary>Creates one document unless its id exists; false when it did (409).</summary>
    public async Task<bool> CreateAsync(SupportDocument document, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.PUT,
            $"/{document.Index}/_create/{Uri.EscapeDataString(document.Id)}?refresh=wait_for", IndexDefinitions.ToJson(document.Source), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == 409) return false;
        ElasticsearchConnection.EnsureSuccess(response, "writing " + what);
        return true;
    }

    /// <summary>The hits of one search (at most the request's size), each with _id and _source.</summary>
    public async Task<JsonArray> SearchAsync(string index, JsonObject request, string what, CancellationToken cancellationToken)
    {
        var response = ElasticsearchConnection.EnsureSuccess(await connection.SendAsync(HttpMethod.POST, $"/{index}/_search",
            IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false), "reading " + what);
        return JsonNode.Parse(response.Body)!["hits"]?["hits"]?.AsArray() ?? [];
    }

    public Task<ElasticsearchResponse> CountAsync(string index, JsonObject request, CancellationToken cancellationToken) =>
        connection.SendAsync(HttpMethod.POST, $"/{index}/_count", IndexDefinitions.ToJson(request), cancellationToken);

    /// <summary>Every hit of a sorted search, paged with search_after (pages of 1,000).</summary>
    public async Task<List<JsonObject>> SearchAllAsync(string index, JsonObject request, string what, CancellationToken cancellationToken)
    {
        const int page = 1000;
        var all = new List<JsonObject>();
        request["size"] = page;
        while (true)
        {
            var hits = await SearchAsync(index, request, what, cancellationToken).ConfigureAwait(false);
            all.AddRange(hits.Select(h => h!.AsObject()));
            if (hits.Count < page) return all;
            request["search_after"] = hits[^1]!["sort"]!.DeepClone();
        }
    }
}
