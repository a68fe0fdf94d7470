using System.Text.Json;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>One answer from the cluster: the HTTP status and the raw body (JSON).</summary>
internal sealed record ElasticsearchResponse(int StatusCode, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public JsonDocument Json() => JsonDocument.Parse(Body.Length == 0 ? "{}"u8.ToArray() : Body);

    /// <summary>Elasticsearch's error.type, e.g. "security_exception", or null.</summary>
    public string? ErrorType => Error("type");

    public string? ErrorReason => Error("reason");

    /// <summary>The <c>x-elastic-product</c> header (Elasticsearch sends "Elasticsearch" on every answer), or null.</summary>
    public string? Product { get; init; }

    private string? Error(string property)
    {
        try
        {
            using var json = Json();
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty(property, out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Sends requests whose JSON bodies the store writes itself through the official client's transport, which brings
/// node failover, authentication, TLS pinning and the check that the server really is Elasticsearch. Writing the
/// bodies ourselves keeps them exact (the golden tests assert them) and keeps Cyrillic unescaped.
/// </summary>
internal sealed class ElasticsearchConnection(ElasticsearchClient client)
{
    // The client sends Accept: application/vnd.elasticsearch+json;compatible-with=9 on every request, and Elasticsearch
    // refuses a Content-Type that does not name the same compatible version (400 status_exception).
    private static readonly RequestConfiguration NdJson = new()
    {
        ContentType = "application/vnd.elasticsearch+x-ndjson;compatible-with=9", ResponseHeadersToParse = new HeadersList(ProductHeader),
    };

    // The transport parses only the response headers it is asked for; the health check reads this one.
    private const string ProductHeader = "x-elastic-product";
    private static readonly RequestConfiguration Json = new() { ResponseHeadersToParse = new HeadersList(ProductHeader) };

    public async Task<ElasticsearchResponse> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken, bool ndjson = false)
    {
        var postData = body is { } bytes ? PostData.ReadOnlyMemory(bytes) : null;
        BytesResponse response;
        try
        {
            response = await client.Transport.RequestAsync<BytesResponse>(
                new EndpointPath(method, path), postData, null, ndjson ? NdJson : Json, cancellationToken).ConfigureAwait(false);
        }
        catch (UnexpectedTransportException e) when (e.InnerException is not OperationCanceledException)
        {
            throw Describe(e, path);
        }
        catch (TransportException e)
        {
            throw Describe(e, path);
        }

        var details = response.ApiCallDetails;
        if (details.HttpStatusCode is not { } status)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ElasticsearchStoreException(
                $"Elasticsearch did not answer {method} {path}: {details.OriginalException?.Message ?? "no response"}", inner: details.OriginalException);
        }
        return new ElasticsearchResponse(status, response.Body ?? [])
        {
            Product = details.TryGetHeader(ProductHeader, out var product) ? product.FirstOrDefault() : null,
        };
    }

    public Task<ElasticsearchResponse> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        SendAsync(method, path, json is null ? null : System.Text.Encoding.UTF8.GetBytes(json), cancellationToken);

    /// <summary>Throws a message that says what to fix for the usual failures; returns the response otherwise.</summary>
    /// <summary>
    /// Asks the root endpoint through the typed client, which checks the <c>x-elastic-product</c> header (requests
    /// sent as raw bytes are not checked), and returns the server's version.
    /// </summary>
    public async Task<string> VerifyElasticsearchAsync(CancellationToken cancellationToken)
    {
        Elastic.Clients.Elasticsearch.InfoResponse info;
        try
        {
            info = await client.InfoAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransportException || e.GetType().Name.Contains("Product", StringComparison.Ordinal))
        {
            throw Describe(e, "/");
        }
        if (!info.IsValidResponse)
        {
            var status = info.ApiCallDetails.HttpStatusCode;
            if (status is { } code)
                EnsureSuccess(new ElasticsearchResponse(code, info.ApiCallDetails.ResponseBodyInBytes ?? []), "connecting to Elasticsearch");
            throw new ElasticsearchStoreException($"Elasticsearch did not answer: {info.ApiCallDetails.OriginalException?.Message ?? "no response"}",
                inner: info.ApiCallDetails.OriginalException);
        }
        return info.Version.Number;
    }

    public static ElasticsearchResponse EnsureSuccess(ElasticsearchResponse response, string what, params int[] alsoAccepted)
    {
        if (response.IsSuccess || alsoAccepted.Contains(response.StatusCode)) return response;
        var type = response.ErrorType;
        var hint = response.StatusCode switch
        {
            401 => "authentication failed: check Storage:Elasticsearch:ApiKey or Username/Password",
            403 => "the user or API key lacks a privilege this needs",
            429 => "the cluster is overloaded and rejected the request",
            503 => "the cluster is unavailable (red or without a master)",
            _ => "the cluster refused the request",
        };
        throw new ElasticsearchStoreException(
            $"{what}: {hint} (HTTP {response.StatusCode}{(type is null ? "" : ", " + type)}: {response.ErrorReason ?? "no reason given"})",
            response.StatusCode, type);
    }

    private static ElasticsearchStoreException Describe(Exception e, string path)
    {
        var message = e.Message.Contains("product", StringComparison.OrdinalIgnoreCase) || e.GetType().Name.Contains("Product", StringComparison.Ordinal)
            ? $"the server at {path} did not identify as Elasticsearch (no x-elastic-product header): {e.Message}"
            : $"request to {path} failed: {e.Message}";
        return new ElasticsearchStoreException(message, inner: e);
    }
}
