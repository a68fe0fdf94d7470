using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MentionWatch.Benchmarks;

/// <summary>The few MentionWatch API calls the benchmark makes, with the admin key.</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseUrl, string key, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(2, connections), PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public async Task CreateWatchAsync(string name, string query, string[] ownHandles, string[] competitors, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { name, query, ownHandles, competitors });
        using var response = await _http.PostAsync("api/v1/watches", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 409)
        {
            throw new HttpRequestException($"POST /api/v1/watches {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>The three watches every benchmark mode creates (fictional brands, with competitors).</summary>
    public async Task CreateBenchWatchesAsync(CancellationToken ct)
    {
        // A competitor must name an existing watch: the two that acme names come first.
        await CreateWatchAsync("globex", "\"globex bank\" OR #globex OR @GlobexBank OR \"глобекс банк\"", ["GlobexBank"], [], ct);
        await CreateWatchAsync("initech", "\"initech air\" OR #initech OR @InitechAir OR \"инитек эйр\"", ["InitechAir"], [], ct);
        await CreateWatchAsync("acme", "\"acme mobile\" OR #acme OR @AcmeMobile OR \"акме мобайл\"", ["AcmeMobile"], ["globex", "initech"], ct);
    }

    /// <summary>Posts one NDJSON batch; returns (accepted, duplicates, rejected) from the response.</summary>
    public async Task<(int Accepted, int Duplicates, int Rejected)> IngestAsync(byte[] ndjson, CancellationToken ct)
    {
        using var content = new ByteArrayContent(ndjson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await _http.PostAsync("api/v1/ingest", content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/v1/ingest answered {(int)response.StatusCode}: {Truncate(text)}");
        }

        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        return (root.GetProperty("accepted").GetInt32(), root.GetProperty("duplicates").GetInt32(), root.GetProperty("rejected").GetArrayLength());
    }

    /// <summary>GETs a path and returns its body; throws on a non-success status.</summary>
    public async Task<string> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var response = await _http.GetAsync(pathAndQuery, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode
            ? text
            : throw new HttpRequestException($"GET {pathAndQuery} answered {(int)response.StatusCode}: {Truncate(text)}");
    }

    public static int CountItems(string mentionsJson)
    {
        using var doc = JsonDocument.Parse(mentionsJson);
        return doc.RootElement.TryGetProperty("items", out var items) ? items.GetArrayLength() : -1;
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] + "…" : text;

    public void Dispose() => _http.Dispose();
}
