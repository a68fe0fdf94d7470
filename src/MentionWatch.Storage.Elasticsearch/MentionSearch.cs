using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Reads of mentions: pages newest first with <c>search_after</c> on (@timestamp, id); exports over a point in time
/// so a long export sees one consistent snapshot; single mentions, counts and the arrival feed.
/// What a search sees is what the last refresh made visible (see <see cref="ElasticsearchStoreOptions.RefreshInterval"/>).
/// </summary>
internal sealed class MentionSearch(ElasticsearchConnection connection, ElasticsearchIndexNames names)
{
    public const int MaxPageSize = 1000;
    public const int ExportPageSize = 1000;
    /// <summary>Elasticsearch's default max_result_window: one arrival read returns at most this many; callers loop.</summary>
    public const int MaxArrivalRead = 10_000;
    private const string PitKeepAlive = "2m";

    public static JsonArray NewestFirst() => new(
        new JsonObject { ["@timestamp"] = new JsonObject { ["order"] = "desc" } },
        new JsonObject { ["id"] = new JsonObject { ["order"] = "desc" } });

    public static JsonObject PageRequest(MentionFilter filter, int size, string? cursor)
    {
        var request = new JsonObject
        {
            ["size"] = size,
            ["track_total_hits"] = false,
            ["query"] = QueryDslTranslator.Filter(filter),
            ["sort"] = NewestFirst(),
        };
        if (!string.IsNullOrEmpty(cursor))
        {
            var (timestamp, id) = SearchPageCursor.Decode(cursor);
            request["search_after"] = new JsonArray(timestamp, id);
        }
        return request;
    }

    public async Task<MentionPage> PageAsync(MentionFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        // One extra hit tells whether another page exists, so the last page has no cursor.
        var request = PageRequest(filter, limit + 1, cursor);
        var hits = await SearchAsync($"/{names.Mentions}/_search", request, cancellationToken).ConfigureAwait(false);
        if (hits.Count <= limit) return new MentionPage(hits.Select(h => h.Mention).ToList(), null);
        var page = hits.Take(limit).ToList();
        var last = page[^1];
        return new MentionPage(page.Select(h => h.Mention).ToList(), SearchPageCursor.Encode(last.Mention.Post.CreatedAt.ToUnixTimeMilliseconds(), last.Mention.Id));
    }

    public async IAsyncEnumerable<Mention> ExportAsync(MentionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = QueryDslTranslator.Filter(filter);
        var open = ElasticsearchConnection.EnsureSuccess(await connection.SendAsync(HttpMethod.POST,
            $"/{names.Mentions}/_pit?keep_alive={PitKeepAlive}", (string?)null, cancellationToken).ConfigureAwait(false), "opening a point in time");
        string pitId;
        using (var json = open.Json()) pitId = json.RootElement.GetProperty("id").GetString()!;
        try
        {
            JsonArray? after = null;
            while (true)
            {
                var sort = NewestFirst();
                sort.Add(new JsonObject { ["_shard_doc"] = "desc" }); // the PIT's own tiebreaker, cheapest unique sort
                var request = new JsonObject
                {
                    ["size"] = ExportPageSize,
                    ["track_total_hits"] = false,
                    ["query"] = query.DeepClone(),
                    ["pit"] = new JsonObject { ["id"] = pitId, ["keep_alive"] = PitKeepAlive },
                    ["sort"] = sort,
                };
                if (after is not null) request["search_after"] = after;
                var hits = await SearchAsync("/_search", request, cancellationToken, id => pitId = id).ConfigureAwait(false);
                foreach (var hit in hits) yield return hit.Mention;
                if (hits.Count < ExportPageSize) yield break;
                after = hits[^1].Sort;
            }
        }
        finally
        {
            // Best effort: an unclosed PIT expires after its keep-alive anyway.
            try
            {
                await connection.SendAsync(HttpMethod.DELETE, "/_pit", IndexDefinitions.ToJson(new JsonObject { ["id"] = pitId }), CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (ElasticsearchStoreException)
            {
            }
        }
    }

    public async Task<Mention?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["size"] = 1, ["query"] = new JsonObject { ["term"] = new JsonObject { ["id"] = id } } };
        var hits = await SearchAsync($"/{names.Mentions}/_search", request, cancellationToken).ConfigureAwait(false);
        return hits.Count == 0 ? null : hits[0].Mention;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        var response = ElasticsearchConnection.EnsureSuccess(
            await connection.SendAsync(HttpMethod.POST, $"/{names.Mentions}/_count", (string?)null, cancellationToken).ConfigureAwait(false), "counting mentions");
        using var json = response.Json();
        return json.RootElement.GetProperty("count").GetInt64();
    }

    public async Task<IReadOnlyList<Mention>> ArrivedAfterAsync(long afterArrival, int limit, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["size"] = Math.Min(limit, MaxArrivalRead),
            ["track_total_hits"] = false,
            ["query"] = new JsonObject { ["range"] = new JsonObject { ["arrival"] = new JsonObject { ["gt"] = afterArrival } } },
            ["sort"] = new JsonArray(new JsonObject { ["arrival"] = new JsonObject { ["order"] = "asc" } }),
        };
        return (await SearchAsync($"/{names.Mentions}/_search", request, cancellationToken).ConfigureAwait(false)).Select(h => h.Mention).ToList();
    }

    public async Task<long> LastArrivalAsync(CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["size"] = 0,
            ["aggs"] = new JsonObject { ["last"] = new JsonObject { ["max"] = new JsonObject { ["field"] = "arrival" } } },
        };
        var response = ElasticsearchConnection.EnsureSuccess(await connection.SendAsync(HttpMethod.POST, $"/{names.Mentions}/_search",
            IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false), "reading the last arrival");
        using var json = response.Json();
        var value = json.RootElement.GetProperty("aggregations").GetProperty("last").GetProperty("value");
        return value.ValueKind == JsonValueKind.Number ? (long)value.GetDouble() : 0;
    }

    private async Task<List<(Mention Mention, JsonArray Sort)>> SearchAsync(string path, JsonObject request, CancellationToken cancellationToken,
        Action<string>? onPitId = null)
    {
        var response = ElasticsearchConnection.EnsureSuccess(
            await connection.SendAsync(HttpMethod.POST, path, IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false), "searching mentions");
        using var json = response.Json();
        if (onPitId is not null && json.RootElement.TryGetProperty("pit_id", out var pit)) onPitId(pit.GetString()!);
        var hits = json.RootElement.GetProperty("hits").GetProperty("hits");
        var result = new List<(Mention, JsonArray)>(hits.GetArrayLength());
        foreach (var hit in hits.EnumerateArray())
        {
            var sort = hit.TryGetProperty("sort", out var s) ? JsonNode.Parse(s.GetRawText())!.AsArray() : [];
            result.Add((MentionDocument.Read(hit.GetProperty("_source")), sort));
        }
        return result;
    }
}
