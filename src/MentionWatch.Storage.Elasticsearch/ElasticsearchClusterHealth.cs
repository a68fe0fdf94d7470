using System.Text.Json;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>How ready the cluster is: green is healthy, yellow degraded (no replica somewhere), red or anything missing unhealthy.</summary>
public enum ClusterReadiness { Healthy, Degraded, Unhealthy }

/// <summary>The outcome of one check, with a description that says what to fix, and the facts behind it.</summary>
public sealed record ClusterHealthReport(ClusterReadiness Readiness, string Description, IReadOnlyDictionary<string, object> Data);

/// <summary>
/// Checks, in three requests, what the service needs from the cluster: that it answers and is Elasticsearch (the
/// <c>x-elastic-product</c> header), its <c>_cluster/health</c> status, and that every index, data stream and index
/// template the store created at start is still there (<c>_resolve/index</c> over the prefix, then the template).
/// Refusals are told apart: 401 names the credential settings, 403 quotes Elasticsearch's reason (the missing privilege).
/// </summary>
public sealed class ElasticsearchClusterHealth
{
    private readonly ElasticsearchConnection _connection;
    private readonly ElasticsearchIndexNames _names;

    public ElasticsearchClusterHealth(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _connection = store.Connection;
        _names = store.Names;
    }

    /// <summary>Every plain index and data stream the store needs, by name.</summary>
    internal IReadOnlyList<string> RequiredIndices =>
        [_names.Mentions, _names.Watches, _names.Cursors, _names.State, _names.DeadLetters, .. IndexDefinitions.StateIndices(_names).Select(s => s.Index)];

    public async Task<ClusterHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object>();
        var (health, refusal) = await AskAsync("/_cluster/health", "the cluster health (cluster privilege monitor)", data, cancellationToken).ConfigureAwait(false);
        if (refusal is not null) return refusal;
        string status;
        using (var json = health!.Json())
        {
            status = json.RootElement.GetProperty("status").GetString() ?? "unknown";
            data["cluster"] = json.RootElement.TryGetProperty("cluster_name", out var cluster) ? cluster.GetString() ?? "" : "";
        }
        data["status"] = status;

        var (resolved, resolveRefusal) = await AskAsync($"/_resolve/index/{_names.Prefix}-*", "the index list (index privilege view_index_metadata)", data,
            cancellationToken).ConfigureAwait(false);
        if (resolveRefusal is not null) return resolveRefusal;
        var present = Names(resolved!);
        var missing = RequiredIndices.Where(n => !present.Contains(n)).ToList();
        var template = await _connection.SendAsync(HttpMethod.GET, $"/_index_template/{_names.Mentions}", (string?)null, cancellationToken).ConfigureAwait(false);
        if (template.StatusCode == 404) missing.Add($"index template {_names.Mentions}");
        else if (Refused(template, "the index template (cluster privilege manage_index_templates)", data) is { } templateRefusal) return templateRefusal;
        data["missing"] = missing;

        var problems = new List<string>();
        if (status == "red") problems.Add("cluster status is red: some primary shards are unassigned, so some data cannot be read or written");
        if (missing.Count > 0) problems.Add($"missing {string.Join(", ", missing)} (a restart of the service creates them again)");
        if (problems.Count > 0) return new ClusterHealthReport(ClusterReadiness.Unhealthy, "Elasticsearch: " + string.Join("; ", problems) + ".", data);
        return status == "green"
            ? new ClusterHealthReport(ClusterReadiness.Healthy, "Elasticsearch cluster green; every index present.", data)
            : new ClusterHealthReport(ClusterReadiness.Degraded, $"Elasticsearch cluster {status}: some replica shards are unassigned; every index present.", data);
    }

    private async Task<(ElasticsearchResponse? Response, ClusterHealthReport? Refusal)> AskAsync(string path, string what, Dictionary<string, object> data,
        CancellationToken cancellationToken)
    {
        ElasticsearchResponse response;
        try
        {
            response = await _connection.SendAsync(HttpMethod.GET, path, (string?)null, cancellationToken).ConfigureAwait(false);
        }
        catch (ElasticsearchStoreException e)
        {
            return (null, new ClusterHealthReport(ClusterReadiness.Unhealthy,
                $"Elasticsearch is unreachable at Storage:Elasticsearch:Urls: {e.Message}", data));
        }
        return Refused(response, what, data) is { } refusal ? (null, refusal) : (response, null);
    }

    private static ClusterHealthReport? Refused(ElasticsearchResponse response, string what, Dictionary<string, object> data)
    {
        data["httpStatus"] = response.StatusCode;
        var description = response.StatusCode switch
        {
            401 => "Elasticsearch refused the credentials (HTTP 401): check Storage:Elasticsearch:ApiKey or Storage:Elasticsearch:Username and Password.",
            403 => $"Elasticsearch denied reading {what}: the user or API key lacks a privilege (HTTP 403: {response.ErrorReason ?? "no reason given"}).",
            >= 200 and < 300 when response.Product != "Elasticsearch" =>
                "The server at Storage:Elasticsearch:Urls is not Elasticsearch: its answer has no x-elastic-product header.",
            >= 200 and < 300 => null,
            _ => $"Elasticsearch could not answer {what} (HTTP {response.StatusCode}, {response.ErrorType ?? "error"}: {response.ErrorReason ?? "no reason given"}).",
        };
        return description is null ? null : new ClusterHealthReport(ClusterReadiness.Unhealthy, description, data);
    }

    /// <summary>Index, alias and data stream names of a _resolve/index answer.</summary>
    private static HashSet<string> Names(ElasticsearchResponse response)
    {
        using var json = response.Json();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in new[] { "indices", "aliases", "data_streams" })
            if (json.RootElement.TryGetProperty(kind, out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var item in list.EnumerateArray()) names.Add(item.GetProperty("name").GetString()!);
        return names;
    }
}
