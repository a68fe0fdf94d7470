using System.Text;
using Elastic.Transport;
using Endpoint = Elastic.Transport.Endpoint;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>A request as the official client sent it: method, path with query, and the exact body.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string Body)
{
    public string Path => PathAndQuery.Split('?')[0];
}

/// <summary>
/// The client's own in-memory transport (<see cref="InMemoryRequestInvoker"/> builds every response, product header
/// included) with a script choosing the status and body per request, and every request recorded for golden assertions.
/// </summary>
public sealed class ScriptedRequestInvoker : IRequestInvoker
{
    public static readonly Dictionary<string, IEnumerable<string>> ElasticsearchHeaders = new() { ["x-elastic-product"] = ["Elasticsearch"] };

    private readonly InMemoryRequestInvoker _builder;
    private readonly Func<RecordedRequest, (int Status, string Body)> _script;
    private readonly List<RecordedRequest> _requests = [];

    public ScriptedRequestInvoker(Func<RecordedRequest, (int Status, string Body)> script, bool elasticsearchProductHeader = true)
    {
        _script = script;
        _builder = new InMemoryRequestInvoker([], 200, null, "application/json", elasticsearchProductHeader ? ElasticsearchHeaders : []);
    }

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_requests) return _requests.ToList(); } }

    public ResponseFactory ResponseFactory => _builder.ResponseFactory;

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData,
        CancellationToken cancellationToken) where TResponse : TransportResponse, new()
    {
        var (request, status, body) = Answer(endpoint, boundConfiguration, postData);
        return await _builder.BuildResponseAsync<TResponse>(endpoint, boundConfiguration, postData!, cancellationToken, body, status, "application/json");
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new()
    {
        var (_, status, body) = Answer(endpoint, boundConfiguration, postData);
        return _builder.BuildResponse<TResponse>(endpoint, boundConfiguration, postData!, body, status, "application/json");
    }

    public void Dispose() => ((IDisposable)_builder).Dispose();

    private (RecordedRequest, int, byte[]) Answer(Endpoint endpoint, BoundConfiguration configuration, PostData? postData)
    {
        var text = "";
        if (postData is not null)
        {
            using var stream = new MemoryStream();
            postData.Write(stream, configuration.ConnectionSettings, disableDirectStreaming: true);
            text = Encoding.UTF8.GetString(stream.ToArray());
        }
        // The root endpoint comes through with an empty path.
        var pathAndQuery = endpoint.PathAndQuery.StartsWith('/') ? endpoint.PathAndQuery : "/" + endpoint.PathAndQuery;
        var request = new RecordedRequest(endpoint.Method.ToString(), pathAndQuery, text);
        lock (_requests) _requests.Add(request);
        var (status, body) = _script(request);
        return (request, status, Encoding.UTF8.GetBytes(body));
    }
}
