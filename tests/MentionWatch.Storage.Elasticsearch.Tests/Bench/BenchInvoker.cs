using System.Collections.Concurrent;
using System.Text;
using Elastic.Transport;
using Endpoint = Elastic.Transport.Endpoint;

namespace MentionWatch.Storage.Elasticsearch.Tests.Bench;

/// <summary>
/// The client's in-memory transport answering like a healthy (or overloaded) cluster without recording anything, so
/// the benchmark measures the store's own work: a bulk gets one "created" item per document (responses cached per
/// size), optionally after a delay and after some whole-request 429s.
/// </summary>
internal sealed class BenchInvoker(TimeSpan bulkDelay, int rejectionsPerBulk) : IRequestInvoker
{
    private readonly InMemoryRequestInvoker _builder = new([], 200, null, "application/json", Support.ScriptedRequestInvoker.ElasticsearchHeaders);
    private readonly ConcurrentDictionary<int, byte[]> _bulkResponses = new();
    private long _counter;
    private int _bulkAttempts;
    private long _documentsAccepted;
    private int _inFlightBytes, _peakInFlightBytes;

    public long DocumentsAccepted => Interlocked.Read(ref _documentsAccepted);
    /// <summary>Most request bytes the writer had in flight at once: its own bound under back-pressure.</summary>
    public int PeakInFlightBytes => Volatile.Read(ref _peakInFlightBytes);

    public ResponseFactory ResponseFactory => _builder.ResponseFactory;

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration configuration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        var path = "/" + endpoint.PathAndQuery.Split('?')[0].TrimStart('/');
        int status = 200;
        byte[] body;
        if (path == "/") body = Encoding.UTF8.GetBytes(Support.Responses.RootInfo);
        else if (path == "/_bulk")
        {
            var bytes = Measure(postData, configuration, out var lines);
            var inFlight = Interlocked.Add(ref _inFlightBytes, bytes);
            InterlockedMax(ref _peakInFlightBytes, inFlight);
            try
            {
                if (bulkDelay > TimeSpan.Zero) await Task.Delay(bulkDelay, cancellationToken);
                if (rejectionsPerBulk > 0 && Interlocked.Increment(ref _bulkAttempts) % (rejectionsPerBulk + 1) != 0)
                    return await Build<TResponse>(endpoint, configuration, postData, cancellationToken, 429,
                        """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}"""u8.ToArray());
                var documents = lines / 2;
                Interlocked.Add(ref _documentsAccepted, documents);
                body = _bulkResponses.GetOrAdd(documents, n =>
                    Encoding.UTF8.GetBytes("{\"errors\":false,\"items\":[" + string.Join(",", Enumerable.Repeat("{\"create\":{\"status\":201}}", n)) + "]}"));
            }
            finally
            {
                Interlocked.Add(ref _inFlightBytes, -bytes);
            }
        }
        else if (path.EndsWith("/_doc/arrival", StringComparison.Ordinal))
        {
            if (endpoint.Method == Elastic.Transport.HttpMethod.GET)
            {
                var value = Interlocked.Read(ref _counter);
                body = Encoding.UTF8.GetBytes($"{{\"found\":{(value > 0 ? "true" : "false")},\"_seq_no\":{value},\"_primary_term\":1,\"_source\":{{\"counter\":{value}}}}}");
                status = value > 0 ? 200 : 404;
            }
            else
            {
                var text = Encoding.UTF8.GetString(Measure(postData, configuration));
                Interlocked.Exchange(ref _counter, long.Parse(text.Split(':', ',')[1]));
                body = "{\"result\":\"updated\"}"u8.ToArray();
            }
        }
        else if (path.EndsWith("/_search", StringComparison.Ordinal)) body = "{}"u8.ToArray();
        else body = "{\"acknowledged\":true}"u8.ToArray();
        return await Build<TResponse>(endpoint, configuration, postData, cancellationToken, status, body);
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration configuration, PostData? postData) where TResponse : TransportResponse, new() =>
        throw new NotSupportedException("the store only sends asynchronously");

    public void Dispose() => ((IDisposable)_builder).Dispose();

    private Task<TResponse> Build<TResponse>(Endpoint endpoint, BoundConfiguration configuration, PostData? postData, CancellationToken cancellationToken,
        int status, byte[] body) where TResponse : TransportResponse, new() =>
        _builder.BuildResponseAsync<TResponse>(endpoint, configuration, postData!, cancellationToken, body, status, "application/json");

    private static int Measure(PostData? postData, BoundConfiguration configuration, out int lines)
    {
        var bytes = Measure(postData, configuration);
        lines = bytes.AsSpan().Count((byte)'\n');
        return bytes.Length;
    }

    private static byte[] Measure(PostData? postData, BoundConfiguration configuration)
    {
        if (postData is null) return [];
        using var stream = new MemoryStream();
        postData.Write(stream, configuration.ConnectionSettings, false);
        return stream.ToArray();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
