using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// The audit log as documents of the audit index. The contract has the log assign ids and page "before id", newest
/// first, which SQLite does with an autoincrement column; a cluster has no sequence, so ids are time-ordered instead:
/// the entry's time in epoch milliseconds times 1000 plus a tie-breaker (the next free number when entries share a
/// millisecond), never below the last id this node assigned. Each id is written with <c>op_type=create</c>, so two nodes that pick
/// the same id cannot overwrite each other: the second gets 409 and takes the next number. Ids stay below 2^53
/// (until the year 2255), so they survive a JavaScript client.
/// </summary>
public sealed class ElasticsearchAuditLog : IAuditLog
{
    private const int IdsPerMillisecond = 1000;
    private const int MaxCollisions = 1000;

    private readonly StateRequests _requests;
    private readonly string _index;
    private readonly bool _waitForRefresh;
    private readonly Lock _gate = new();
    private long _lastId;

    public ElasticsearchAuditLog(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _requests = new StateRequests(store.Connection);
        _index = store.Names.Audit;
        _waitForRefresh = store.Options.WaitForRefresh;
    }

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = NextId(entry.At.ToUnixTimeMilliseconds() * IdsPerMillisecond);
        var condition = "op_type=create" + (_waitForRefresh ? "&refresh=wait_for" : "");
        for (var collision = 0; collision < MaxCollisions; collision++, id = NextId(id + 1))
        {
            var document = new JsonObject
            {
                ["id"] = id, ["at"] = entry.At.ToUnixTimeMilliseconds(), ["actor"] = entry.Actor, ["method"] = entry.Method,
                ["route"] = entry.Route, ["target"] = entry.Target, ["client"] = entry.ClientAddress, ["status"] = entry.Status,
            };
            if (await _requests.PutIfAsync(_index, id.ToString(System.Globalization.CultureInfo.InvariantCulture), condition, document,
                    "appending to the audit log", cancellationToken).ConfigureAwait(false))
                return;
        }
        throw new ElasticsearchStoreException($"the audit log found {MaxCollisions} ids in a row already taken");
    }

    /// <summary>At least <paramref name="candidate"/> and above every id this log handed out before.</summary>
    private long NextId(long candidate)
    {
        lock (_gate) return _lastId = Math.Max(candidate, _lastId + 1);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, int limit, long? beforeId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filters = new JsonArray();
        var at = new JsonObject();
        if (from is { } start) at["gte"] = start.ToUnixTimeMilliseconds();
        if (to is { } end) at["lt"] = end.ToUnixTimeMilliseconds();
        if (at.Count > 0) filters.Add(new JsonObject { ["range"] = new JsonObject { ["at"] = at } });
        if (beforeId is { } before) filters.Add(new JsonObject { ["range"] = new JsonObject { ["id"] = new JsonObject { ["lt"] = before } } });
        var request = new JsonObject
        {
            ["size"] = Math.Min(limit, 10_000),
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = filters } },
            ["sort"] = StateRequests.Sort(("id", "desc")),
        };
        var (sources, _) = await _requests.SearchAsync(_index, request, "reading the audit log", cancellationToken).ConfigureAwait(false);
        return sources.Select(Read).ToList();
    }

    private static AuditEntry Read(JsonElement s) => new(
        s.GetProperty("id").GetInt64(), DateTimeOffset.FromUnixTimeMilliseconds(s.GetProperty("at").GetInt64()), Text(s, "actor"),
        s.GetProperty("method").GetString()!, s.GetProperty("route").GetString()!, Text(s, "target"), Text(s, "client"), s.GetProperty("status").GetInt32());

    private static string? Text(JsonElement source, string field) =>
        source.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
