using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Re-tagging stored mentions when a watch is created, changed or deleted. Ids here are hashes, not time-ordered, so
/// "in id order above afterId" is a range on <c>id</c> sorted ascending, which pages through a period just as well.
/// Each change rewrites the mention's <c>watches</c> over the version it was read at (a concurrent triage move or
/// reply link is kept: on 409 the document is read again and the watch added or removed on what is stored now).
/// Trends aggregate the documents, so there are no rollups to adjust or drop.
/// </summary>
public sealed class ElasticsearchWatchRetagStore : IWatchRetagStore
{
    private readonly ElasticsearchIndexNames _names;
    private readonly ElasticsearchStoreOptions _options;
    private readonly MentionDocumentUpdater _mentions;
    private readonly SupportDocuments _documents;

    public ElasticsearchWatchRetagStore(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _names = store.Names;
        _options = store.Options;
        _mentions = new MentionDocumentUpdater(store.Connection, store.Names);
        _documents = new SupportDocuments(store.Connection);
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
        var changed = 0;
        // One search finds every document of the batch; each is then rewritten over the version that search saw.
        var found = (await _mentions.FindManyAsync(changes.Select(c => c.Id).Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(m => m.MentionId);
        foreach (var (id, member) in changes)
        {
            if (!found.TryGetValue(id, out var stored)) continue;
            var outcome = await _mentions.UpdateAsync(id, stored, (source, _) => Retag(source, watch, member), _options.WaitForRefresh, null, cancellationToken)
                .ConfigureAwait(false);
            if (outcome?.NewSeqNo is not null) changed++;
        }
        return changed;
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
