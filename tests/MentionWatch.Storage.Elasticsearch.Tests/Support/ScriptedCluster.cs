using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>
/// A store over <see cref="ScriptedRequestInvoker"/> that answers the set-up, the arrival counter and the id lookup
/// the way a fresh cluster does, and lets each test script mention bulks, cursor bulks and searches.
/// </summary>
public sealed class ScriptedCluster : IDisposable
{
    private long _counter;
    private long _counterSeqNo = -1;

    public Func<RecordedRequest, (int, string)> MentionBulk { get; set; } = _ => (200, """{"errors":false,"items":[]}""");
    public Func<RecordedRequest, (int, string)> OtherBulk { get; set; } = _ => (200, Responses.BulkNoErrors);
    public Func<RecordedRequest, (int, string)> Search { get; set; } = _ => (200, Responses.NoHits);
    /// <summary>Single-document requests (<c>/index/_doc/id</c>) other than the arrival counter (state documents, mentions in their backing index); null leaves them to the defaults.</summary>
    public Func<RecordedRequest, (int, string)?> Document { get; set; } = _ => null;
    public Func<RecordedRequest, (int, string)> Fallback { get; set; } = r => (404, $$"""{"error":{"type":"not_scripted","reason":"{{r.Path}}"},"status":404}""");

    public ScriptedCluster() => Invoker = new ScriptedRequestInvoker(Answer);

    public ScriptedRequestInvoker Invoker { get; }

    public static ElasticsearchStoreOptions Options(Action<ElasticsearchStoreOptions>? configure = null)
    {
        var options = new ElasticsearchStoreOptions { Urls = ["http://es.test:9200"], RetryBaseDelayMilliseconds = 1, BulkMaxRetries = 3 };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Real time by default: Polly's backoff (1 ms here) must elapse for retries to happen.</summary>
    public Task<ElasticsearchStore> CreateStoreAsync(ElasticsearchStoreOptions? options = null, TimeProvider? timeProvider = null) =>
        ElasticsearchStore.CreateAsync(options ?? Options(), timeProvider ?? TimeProvider.System, NullLogger.Instance, Invoker, CancellationToken.None);

    /// <summary>Requests after the start-up ones (policy, template, data stream, indices).</summary>
    public IReadOnlyList<RecordedRequest> RequestsAfterStart() => Invoker.Requests.Skip(StartRequests).ToList();

    /// <summary>GET /, the seven PUTs of the mention indices and the twelve of the state indices (<see cref="IndexBootstrapper"/>).</summary>
    public const int StartRequests = 20;

    private (int, string) Answer(RecordedRequest request)
    {
        if (request.Method == "GET" && request.Path == "/") return (200, Responses.RootInfo);
        if (request.Path == "/_bulk") return request.Body.Contains("\"_index\":\"mentionwatch-mentions\"") ? MentionBulk(request) : OtherBulk(request);
        if (request.Path.EndsWith("/_doc/arrival", StringComparison.Ordinal))
        {
            lock (this)
            {
                if (request.Method == "GET") return (_counterSeqNo < 0 ? 404 : 200, _counterSeqNo < 0 ? Responses.CounterMissing : Responses.Counter(_counter, _counterSeqNo));
                _counter = long.Parse(request.Body.Split(':', ',')[1]);
                _counterSeqNo++;
                return (201, Responses.CounterWritten);
            }
        }
        if (request.Path.Contains("/_doc/", StringComparison.Ordinal) && Document(request) is { } answer) return answer;
        if (request.Path.EndsWith("/_search", StringComparison.Ordinal) || request.Path == "/_search")
            return request.Body.Contains("\"ids\":") ? (200, Responses.EmptyFilteredSearch) : Search(request);
        if (request.Method == "PUT") return (200, request.Path.StartsWith("/_", StringComparison.Ordinal) ? Responses.Acknowledged : Responses.IndexCreated);
        return Fallback(request);
    }

    public void Dispose()
    {
    }
}
