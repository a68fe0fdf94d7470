using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>
/// A minimal but faithful Elasticsearch on a real loopback port: the root info with the product header, policy /
/// template / data stream / index PUTs (400 resource_already_exists_exception the second time), _bulk with create
/// and index semantics and per-item statuses, _doc GET / PUT (op_type=create, if_seq_no) / DELETE, _count and the
/// subset of _search in <see cref="FakeSearch"/>. <see cref="RejectWholeBulks"/> and <see cref="RejectHalfOfBulkItems"/>
/// make it an overloaded cluster answering 429s for the next mention bulks.
/// </summary>
public sealed class FakeElasticsearchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _rejectWhole, _rejectHalf;

    private FakeElasticsearchServer(WebApplication app) => _app = app;

    public FakeClusterState State { get; } = new();
    public string Url { get; private set; } = "";

    /// <summary>The next this many mention bulks get HTTP 429 for the whole request.</summary>
    public int RejectWholeBulks { set => Volatile.Write(ref _rejectWhole, value); }
    /// <summary>In the next this many mention bulks every other item gets 429 es_rejected_execution_exception.</summary>
    public int RejectHalfOfBulkItems { set => Volatile.Write(ref _rejectHalf, value); }

    public int BulkRequests;

    /// <summary>Asked first with each request's method and path; an answer it gives replaces the cluster's (a failure to inject).</summary>
    public Func<string, string, (int Status, JsonNode Body)?>? Intercept { get; set; }

    /// <summary>False makes it answer like a server that is not Elasticsearch: no x-elastic-product header.</summary>
    public bool IdentifiesAsElasticsearch { get; set; } = true;

    /// <summary>What _cluster/health reports: green, yellow or red.</summary>
    public string ClusterStatus { get; set; } = "green";

    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdConditionalWrites, _arrivedConditionalWrites;

    /// <summary>
    /// The next <paramref name="count"/> conditional writes (PUT _doc with if_seq_no) are held until all of them have
    /// arrived, then applied one after the other: a race between writers that read the same version, made certain.
    /// </summary>
    public void HoldConditionalWritesUntil(int count)
    {
        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _arrivedConditionalWrites, 0);
        Volatile.Write(ref _holdConditionalWrites, count);
    }

    private Task ArriveAtConditionalWriteAsync()
    {
        if (Volatile.Read(ref _holdConditionalWrites) == 0) return Task.CompletedTask;
        if (Interlocked.Increment(ref _arrivedConditionalWrites) >= Volatile.Read(ref _holdConditionalWrites))
        {
            Volatile.Write(ref _holdConditionalWrites, 0);
            _released.TrySetResult();
        }
        // A safety net against a test that never sends the other write, not a timing assertion.
        return _released.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public static async Task<FakeElasticsearchServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeElasticsearchServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (IdentifiesAsElasticsearch) context.Response.Headers["x-elastic-product"] = "Elasticsearch";
        var request = context.Request;
        string body;
        // The official client gzips request bodies, as Elasticsearch accepts.
        var input = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(request.Body, System.IO.Compression.CompressionMode.Decompress)
            : request.Body;
        using (var reader = new StreamReader(input, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        if (request.Method == "PUT" && request.Query.ContainsKey("if_seq_no")) await ArriveAtConditionalWriteAsync();
        var segments = request.Path.Value!.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        int status;
        JsonNode response;
        try
        {
            (status, response) = IncompatibleMediaTypes(request) is { } refusal ? (400, refusal)
                : Intercept?.Invoke(request.Method, request.Path.Value!) is { } injected ? injected
                : Route(request.Method, segments, request.Query, body);
        }
        catch (Exception e)
        {
            // A bug in the fake must show in the test's failure message, not as a bare 500.
            (status, response) = (500, FakeSearch.Error("fake_failure", e.ToString(), 500));
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    /// <summary>
    /// Elasticsearch refuses a request whose Accept and Content-Type disagree on the compatible-with version (the
    /// client sends Accept: application/vnd.elasticsearch+json; compatible-with=9 on every request).
    /// </summary>
    private static JsonObject? IncompatibleMediaTypes(HttpRequest request)
    {
        static string? Version(string header)
        {
            var at = header.IndexOf("compatible-with=", StringComparison.Ordinal);
            return at < 0 ? null : new string(header[(at + 16)..].TakeWhile(char.IsAsciiDigit).ToArray());
        }
        var accept = Version(request.Headers.Accept.ToString());
        var contentType = request.ContentLength > 0 || request.Headers.ContentType.Count > 0 ? Version(request.Headers.ContentType.ToString()) : accept;
        return accept == contentType ? null : FakeSearch.Error("status_exception",
            "A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. " +
            $"Accept={request.Headers.Accept}, Content-Type={request.Headers.ContentType}");
    }

    private (int, JsonNode) Route(string method, string[] path, IQueryCollection query, string body) => (method, path) switch
    {
        ("GET", []) => (200, JsonNode.Parse(Responses.RootInfo)!),
        ("PUT", ["_ilm", "policy", var name]) => Store(State.Policies, name, body),
        ("PUT", ["_index_template", var name]) => Store(State.Templates, name, body),
        ("PUT", ["_data_stream", var name]) => State.Templates.ContainsKey(name)
            ? CreateIndex(name)
            : (400, FakeSearch.Error("index_template_missing_exception", $"no matching index template found for data stream [{name}]")),
        ("PUT", [var index]) => CreateIndex(index),
        ("PUT", [var index, "_mapping"]) => State.IndexExists(index) ? (200, Ack()) : (404, FakeSearch.Error("index_not_found_exception", index, 404)),
        ("POST", ["_bulk"]) => Bulk(body),
        ("GET", [var index, "_doc", var id]) => GetDocument(index, id),
        ("PUT", [var index, "_doc", var id]) => PutDocument(index, id, body, query),
        ("PUT", [var index, "_create", var id]) => PutDocument(index, id, body, new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["op_type"] = "create" })),
        ("DELETE", [var index, "_doc", var id]) => State.Delete(index, id)
            ? (200, new JsonObject { ["_index"] = index, ["_id"] = id, ["result"] = "deleted" })
            : (404, new JsonObject { ["_index"] = index, ["_id"] = id, ["result"] = "not_found" }),
        ("POST", [var index, "_count"]) => FakeSearch.Count(State.Documents(index), string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body)!.AsObject()),
        ("POST" or "GET", [var index, "_search"]) => Search(index, body),
        ("POST", [_, "_refresh"]) => (200, new JsonObject { ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 } }),
        ("GET", ["_cluster", "health"]) => (200, ClusterHealth()),
        ("GET", ["_resolve", "index", var pattern]) => (200, Resolve(pattern)),
        ("GET", ["_index_template", var name]) => State.Templates.TryGetValue(name, out var template)
            ? (200, new JsonObject { ["index_templates"] = new JsonArray(new JsonObject { ["name"] = name, ["index_template"] = template.DeepClone() }) })
            : (404, FakeSearch.Error("resource_not_found_exception", $"index template matching [{name}] not found", 404)),
        _ => (400, FakeSearch.Error("unsupported_operation", $"the loopback cluster has no {method} /{string.Join('/', path)}")),
    };

    private JsonObject ClusterHealth() => new()
    {
        ["cluster_name"] = "mentionwatch", ["status"] = ClusterStatus, ["timed_out"] = false, ["number_of_nodes"] = 1, ["number_of_data_nodes"] = 1,
        ["active_primary_shards"] = State.IndexNames().Count, ["unassigned_shards"] = ClusterStatus == "green" ? 0 : 1,
    };

    /// <summary>_resolve/index for a "prefix*" pattern: data streams (the names with an index template) apart from plain indices.</summary>
    private JsonObject Resolve(string pattern)
    {
        var prefix = pattern.TrimEnd('*');
        var names = State.IndexNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        bool IsDataStream(string name) { lock (State.Gate) return State.Templates.ContainsKey(name); }
        return new JsonObject
        {
            ["indices"] = new JsonArray(names.Where(n => !IsDataStream(n)).Select(n => (JsonNode)new JsonObject { ["name"] = n, ["attributes"] = new JsonArray("open") }).ToArray()),
            ["aliases"] = new JsonArray(),
            ["data_streams"] = new JsonArray(names.Where(IsDataStream).Select(n => (JsonNode)new JsonObject
            {
                ["name"] = n, ["backing_indices"] = new JsonArray($".ds-{n}-2026.12.02-000001"), ["timestamp_field"] = "@timestamp",
            }).ToArray()),
        };
    }

    private (int, JsonNode) Store(Dictionary<string, JsonNode> into, string name, string body)
    {
        lock (State.Gate) into[name] = JsonNode.Parse(body)!;
        return (200, Ack());
    }

    private (int, JsonNode) CreateIndex(string index) => State.CreateIndex(index)
        ? (200, new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = index })
        : (400, FakeSearch.Error("resource_already_exists_exception", $"index [{index}] already exists"));

    private (int, JsonNode) GetDocument(string index, string id) => State.Get(index, id) is { } doc
        ? (200, new JsonObject
        {
            ["_index"] = index, ["_id"] = id, ["_version"] = doc.Version, ["_seq_no"] = doc.SeqNo, ["_primary_term"] = 1, ["found"] = true,
            ["_source"] = doc.Source.DeepClone(),
        })
        : (404, new JsonObject { ["_index"] = index, ["_id"] = id, ["found"] = false });

    private (int, JsonNode) PutDocument(string index, string id, string body, IQueryCollection query)
    {
        long? ifSeqNo = query.TryGetValue("if_seq_no", out var s) ? long.Parse(s!) : null;
        var (status, doc) = State.Put(index, id, JsonNode.Parse(body)!.AsObject(), create: query["op_type"] == "create", ifSeqNo);
        if (status == 409) return (409, FakeSearch.Error("version_conflict_engine_exception", $"[{id}]: version conflict", 409));
        return (status, new JsonObject { ["_index"] = index, ["_id"] = id, ["_seq_no"] = doc!.SeqNo, ["_primary_term"] = 1, ["result"] = status == 201 ? "created" : "updated" });
    }

    private (int, JsonNode) Search(string index, string body)
    {
        var request = string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body)!.AsObject();
        return FakeSearch.Run(State.Documents(index), request);
    }

    private (int, JsonNode) Bulk(string body)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var isMentionBulk = lines.Length > 0 && lines[0].Contains("-mentions\"", StringComparison.Ordinal);
        if (isMentionBulk)
        {
            Interlocked.Increment(ref BulkRequests);
            if (Interlocked.Decrement(ref _rejectWhole) >= 0)
                return (429, FakeSearch.Error("es_rejected_execution_exception", "rejected execution of coordinating operation", 429));
        }
        var rejectHalf = isMentionBulk && Interlocked.Decrement(ref _rejectHalf) >= 0;
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject().First();
            var (index, id) = (action.Value!["_index"]!.GetValue<string>(), action.Value!["_id"]!.GetValue<string>());
            JsonObject item;
            if (rejectHalf && (i / 2) % 2 == 1)
                item = Item(429, FakeSearch.Error("es_rejected_execution_exception", "rejected execution of primary operation")["error"]!);
            else
            {
                var (status, _) = State.Put(index, id, JsonNode.Parse(lines[i + 1])!.AsObject(), create: action.Key == "create",
                    ifSeqNo: action.Value!["if_seq_no"]?.GetValue<long>());
                item = status == 409 ? Item(409, FakeSearch.Error("version_conflict_engine_exception", $"[{id}]: version conflict, document already exists")["error"]!) : Item(status, null);
            }
            errors |= item["status"]!.GetValue<int>() >= 300;
            items.Add(new JsonObject { [action.Key] = item });
        }
        return (200, new JsonObject { ["errors"] = errors, ["items"] = items });
    }

    private static JsonObject Item(int status, JsonNode? error)
    {
        var item = new JsonObject { ["status"] = status };
        if (error is not null) item["error"] = error.DeepClone();
        return item;
    }

    private static JsonObject Ack() => new() { ["acknowledged"] = true };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
