using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// The latest adaptation of each watch as one document of the adaptations index (id: the lower-case watch name, as
/// watch names ignore case); the delta blob is a <c>binary</c> field (base64 in _source, never indexed). Writes wait
/// for a refresh: adaptations change rarely and are listed right after.
/// </summary>
public sealed class ElasticsearchWatchAdaptationStore : IWatchAdaptationStore
{
    private readonly StateRequests _requests;
    private readonly string _index;

    public ElasticsearchWatchAdaptationStore(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _requests = new StateRequests(store.Connection);
        _index = store.Names.WatchAdaptations;
    }

    public Task SaveAdaptationAsync(StoredAdaptation adaptation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adaptation);
        ArgumentException.ThrowIfNullOrWhiteSpace(adaptation.Watch);
        var document = new JsonObject
        {
            ["watch"] = adaptation.Watch,
            ["state"] = adaptation.State,
            ["trainedAt"] = adaptation.TrainedAt.ToUnixTimeMilliseconds(),
            ["actor"] = adaptation.Actor,
            ["report"] = adaptation.Report,
            ["delta"] = adaptation.Delta is null ? null : Convert.ToBase64String(adaptation.Delta),
        };
        return _requests.PutAsync(_index, adaptation.Watch.ToLowerInvariant(), document, waitForRefresh: true, "saving a watch adaptation", cancellationToken);
    }

    /// <summary>By watch name, ignoring case (as SQLite orders them).</summary>
    public async Task<IReadOnlyList<StoredAdaptation>> ListAdaptationsAsync(CancellationToken cancellationToken)
    {
        var list = new List<StoredAdaptation>();
        await foreach (var source in _requests.SearchAllAsync(_index, new JsonObject { ["match_all"] = new JsonObject() },
                           StateRequests.Sort(("watch", "asc")), "listing watch adaptations", cancellationToken).ConfigureAwait(false))
            list.Add(Read(source));
        return list.OrderBy(a => a.Watch, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public Task<bool> DeleteAdaptationAsync(string watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return _requests.DeleteAsync(_index, watch.ToLowerInvariant(), "deleting a watch adaptation", cancellationToken);
    }

    private static StoredAdaptation Read(JsonElement s) => new(
        s.GetProperty("watch").GetString()!, s.GetProperty("state").GetString()!, DateTimeOffset.FromUnixTimeMilliseconds(s.GetProperty("trainedAt").GetInt64()),
        s.GetProperty("actor").GetString()!, s.GetProperty("report").GetString()!,
        s.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.String ? Convert.FromBase64String(delta.GetString()!) : null);
}
