using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Watches as documents of the watches index, one per name (the _id). Writes wait for a refresh: watches change
/// rarely and the API lists them right after a change.
/// </summary>
internal sealed class ElasticsearchWatchStore(ElasticsearchConnection connection, ElasticsearchIndexNames names) : IWatchStore
{
    private const int MaxWatches = 10_000;

    public async Task<IReadOnlyList<Watch>> ListWatchesAsync(CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["size"] = MaxWatches,
            ["query"] = new JsonObject { ["match_all"] = new JsonObject() },
            ["sort"] = new JsonArray(new JsonObject { ["name"] = new JsonObject { ["order"] = "asc" } }),
        };
        var response = ElasticsearchConnection.EnsureSuccess(await connection.SendAsync(HttpMethod.POST, $"/{names.Watches}/_search",
            IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false), "listing watches");
        using var json = response.Json();
        return json.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray().Select(h => Read(h.GetProperty("_source"))).ToList();
    }

    public async Task<Watch?> GetWatchAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var response = await connection.SendAsync(HttpMethod.GET, Path(name), (string?)null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404) return null;
        using var json = ElasticsearchConnection.EnsureSuccess(response, "reading a watch").Json();
        return json.RootElement.GetProperty("found").GetBoolean() ? Read(json.RootElement.GetProperty("_source")) : null;
    }

    public async Task<bool> UpsertWatchAsync(Watch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var body = new JsonObject
        {
            ["name"] = watch.Name,
            ["query"] = watch.Query,
            ["ownHandles"] = new JsonArray(watch.OwnHandles.Select(h => (JsonNode)h).ToArray()),
            ["competitors"] = new JsonArray(watch.Competitors.Select(c => (JsonNode)c).ToArray()),
        };
        var response = await connection.SendAsync(HttpMethod.PUT, Path(watch.Name) + "?refresh=wait_for", IndexDefinitions.ToJson(body), cancellationToken)
            .ConfigureAwait(false);
        using var json = ElasticsearchConnection.EnsureSuccess(response, "saving a watch").Json();
        return json.RootElement.GetProperty("result").GetString() == "created";
    }

    public async Task<bool> DeleteWatchAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var response = await connection.SendAsync(HttpMethod.DELETE, Path(name) + "?refresh=wait_for", (string?)null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404) return false;
        using var json = ElasticsearchConnection.EnsureSuccess(response, "deleting a watch").Json();
        return json.RootElement.GetProperty("result").GetString() == "deleted";
    }

    private string Path(string name) => $"/{names.Watches}/_doc/{Uri.EscapeDataString(name)}";

    private static Watch Read(JsonElement source) => new(
        source.GetProperty("name").GetString()!,
        source.GetProperty("query").GetString()!,
        source.GetProperty("ownHandles").EnumerateArray().Select(h => h.GetString()!).ToList(),
        source.GetProperty("competitors").EnumerateArray().Select(c => c.GetString()!).ToList());
}
