using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Re-tagging stored mentions when a watch is created, changed or deleted. Ids here are hashes, not time-ordered, so
/// "in id order above afterId" is a range on <c>id</c> sorted ascending, which pages through a period just as well.
/// A batch rewrites the mentions' <c>watches</c> in one _bulk, each over the version it was read at (a concurrent
/// triage move or reply link is kept: on 409 the document is read again and the watch added or removed on what is
/// stored now).
/// Trends aggregate the documents, so there are no rollups to adjust or drop.
/// </summary>
public sealed class ElasticsearchWatchRetagStore : IWatchRetagStore
{
    private readonly ElasticsearchIndexNames _names;
    private readonly ElasticsearchStoreOptions _options;
    private readonly MentionDocumentUpdater _mentions;
    private readonly SupportDocuments _documents;
    private readonly ElasticsearchConnection _connection;

    public ElasticsearchWatchRetagStore(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _names = store.Names;
        _options = store.Options;
        _mentions = new MentionDocumentUpdater(store.Connection, store.Names);
        _documents = new SupportDocuments(store.Connection);
        _connection = store.Connection;
    }

    public async Task<IReadOnlyList<Mention>> ReadForRematchAsync(DateTimeOffset from, long afterId, int limit, CancellationToken cancellationToken)
    {
        var request = Since(from, afterId, limit);
        var hits = await _documents.SearchAsync(_names.Mentions, request, "mentions to re-match", cancellationToken).ConfigureAwait(false);
        return hits.Select(h => MentionDocument.Read(ElasticsearchSupportStore.ToElement(h!["_source"]!.AsObject()))).ToList();
    }

    public async Task<long> CountSinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["query"] = QueryDslTranslator.TimeRange(from, null) };
        var response = ElasticsearchConnection.EnsureSuccess(await _documents.CountAsync(_names.Mentions, request, cancellationToken).ConfigureAwait(false),
            "counting mentions to re-match");
        return JsonNode.Parse(response.Body)!["count"]!.GetValue<long>();
    }

    public async Task<IReadOnlyList<long>> TaggedAsync(string watch, long afterId, int limit, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["size"] = limit,
            ["track_total_hits"] = false,
            ["_source"] = new JsonArray("id"),
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = new JsonArray(
                        new JsonObject { ["term"] = new JsonObject { ["watches"] = watch } },
                        new JsonObject { ["range"] = new JsonObject { ["id"] = new JsonObject { ["gt"] = afterId } } }),
                },
            },
            ["sort"] = new JsonArray(ElasticsearchSupportStore.Ascending("id")),
        };
        var hits = await _documents.SearchAsync(_names.Mentions, request, "mentions of a watch", cancellationToken).ConfigureAwait(false);
        return hits.Select(h => h!["_source"]!["id"]!.GetValue<long>()).ToList();
    }

    public async Task<int> RetagAsync(string watch, IReadOnlyList<(long Id, bool Member)> changes, bool adjustRollups, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(watch);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return 0;
        // One search finds every document of the batch and one _bulk rewrites the changed ones, each over the version that
        // search saw (if_seq_no per item); an item refused with 409 changed since and is done again on a real-time read.
        var found = (await _mentions.FindManyAsync(changes.Select(c => c.Id).Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(m => m.MentionId);
        var writes = new List<(StoredMention Read, bool Member, JsonObject Source)>();
        foreach (var (id, member) in changes.DistinctBy(c => c.Id))
        {
            if (!found.TryGetValue(id, out var stored)) continue;
            var source = stored.Source.DeepClone().AsObject();
            if (Retag(source, watch, member)) writes.Add((stored, member, source));
        }
        if (writes.Count == 0) return 0;
        var conflicts = await BulkWriteAsync(writes, cancellationToken).ConfigureAwait(false);
        var changed = writes.Count - conflicts.Count;
        foreach (var (read, member, _) in conflicts)
        {
            var again = await _mentions.ReadAsync(read.Index, read.DocumentId, cancellationToken).ConfigureAwait(false);
            if (again is null) continue;
            var outcome = await _mentions.UpdateAsync(read.MentionId, again, (source, _) => Retag(source, watch, member), _options.WaitForRefresh, null, cancellationToken)
                .ConfigureAwait(false);
            if (outcome?.NewSeqNo is not null) changed++;
        }
        return changed;
    }

    /// <summary>The writes the cluster refused with 409 (changed since they were read); throws for any other refusal.</summary>
    private async Task<List<(StoredMention Read, bool Member, JsonObject Source)>> BulkWriteAsync(
        List<(StoredMention Read, bool Member, JsonObject Source)> writes, CancellationToken cancellationToken)
    {
        var body = new System.Text.StringBuilder();
        foreach (var (read, _, source) in writes)
        {
            body.Append(IndexDefinitions.ToJson(new JsonObject
            {
                ["index"] = new JsonObject { ["_index"] = read.Index, ["_id"] = read.DocumentId, ["if_seq_no"] = read.SeqNo, ["if_primary_term"] = read.PrimaryTerm },
            })).Append('\n').Append(IndexDefinitions.ToJson(source)).Append('\n');
        }
        var path = "/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason" + (_options.WaitForRefresh ? "&refresh=wait_for" : "");
        var response = ElasticsearchConnection.EnsureSuccess(await _connection.SendAsync(HttpMethod.POST, path,
            System.Text.Encoding.UTF8.GetBytes(body.ToString()), cancellationToken, ndjson: true).ConfigureAwait(false), "re-tagging mentions");
        var items = JsonNode.Parse(response.Body)!["items"]?.AsArray() ?? [];
        var conflicts = new List<(StoredMention, bool, JsonObject)>();
        for (var i = 0; i < items.Count && i < writes.Count; i++)
        {
            var item = items[i]!.AsObject().First().Value!;
            var status = item["status"]!.GetValue<int>();
            if (status == 409) conflicts.Add(writes[i]);
            else if (status >= 300)
                throw new ElasticsearchStoreException($"re-tagging mention {writes[i].Read.MentionId}: {item["error"]?["type"]}: {item["error"]?["reason"]}", status,
                    item["error"]?["type"]?.GetValue<string>());
        }
        return conflicts;
    }

    /// <summary>Nothing to drop: counts are aggregated from the documents when asked.</summary>
    public Task DropRollupsAsync(string watch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(watch);
        return Task.CompletedTask;
    }

    private static bool Retag(JsonObject source, string watch, bool member)
    {
        var watches = source["watches"] is JsonArray list ? list.Select(w => w!.GetValue<string>()).ToList() : [];
        if (watches.Contains(watch, StringComparer.Ordinal) == member) return false;
        if (member) watches.Add(watch);
        else watches.RemoveAll(w => w == watch);
        source["watches"] = new JsonArray(watches.Select(w => (JsonNode)w).ToArray());
        return true;
    }

    private static JsonObject Since(DateTimeOffset from, long afterId, int limit) => new()
    {
        ["size"] = limit,
        ["track_total_hits"] = false,
        ["query"] = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["filter"] = new JsonArray(
                    QueryDslTranslator.TimeRange(from, null),
                    new JsonObject { ["range"] = new JsonObject { ["id"] = new JsonObject { ["gt"] = afterId } } }),
            },
        },
        ["sort"] = new JsonArray(ElasticsearchSupportStore.Ascending("id")),
    };
}
