using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Hosting;

/// <summary>Security headers, CORS and response compression on the real server.</summary>
[TestFixture]
public sealed class HttpHardeningTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("/api/v1/watches", true, HttpStatusCode.OK)]
    [TestCase("/api/v1/watches", false, HttpStatusCode.Unauthorized)]
    [TestCase("/api/v1/nothing", true, HttpStatusCode.NotFound)]
    [TestCase("/healthz", false, HttpStatusCode.OK)]
    public async Task AnyResponse_CarriesSecurityHeaders(string path, bool withKey, HttpStatusCode status)
    {
        using var response = await (withKey ? _server.Viewer : _server.Anonymous).GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'"));
    }

    [Test]
    public async Task Cors_NotConfigured_NoOriginIsAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/watches");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await _server.Viewer.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Cors_Configured_OnlyThoseOriginsAllowed()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://dash.example" });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/watches");
        preflight.Headers.Add("Origin", "https://dash.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/watches");
        other.Headers.Add("Origin", "https://evil.example");

        using var allowed = await server.Anonymous.SendAsync(preflight);
        using var refused = await server.Viewer.SendAsync(other);

        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://dash.example"));
        Assert.That(string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")), Does.Contain("X-Api-Key").IgnoreCase);
        Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [TestCase("gzip")]
    [TestCase("br")]
    public async Task Mentions_1000ItemPage_CompressedWhenAsked(string encoding)
    {
        var source = "zip" + Guid.NewGuid().ToString("N")[..8];
        var posts = Enumerable.Range(0, 1_000).Select(i => (JsonNode)Some.Post($"Voltik post number {i} about scooters", source: source)).ToArray();
        await _server.Analyst.IngestOkAsync(Some.Array(posts));
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestServer.ViewerKey);
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await client.GetAsync($"/api/v1/mentions?source={source}&limit=1000");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { encoding }));
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using var decoder = encoding == "gzip"
            ? (Stream)new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await decoder.CopyToAsync(plain);
        Assert.That(JsonNode.Parse(plain.ToArray())!["items"]!.AsArray(), Has.Count.EqualTo(1_000));
        Assert.That(compressed.Length, Is.LessThan(plain.Length / 3));
    }

    [Test]
    public async Task Export_Ndjson_CompressedWhenAsked()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestServer.AnalystKey);
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik export item")));

        using var ndjson = await client.GetAsync("/api/v1/export?format=ndjson");
        using var csv = await client.GetAsync("/api/v1/export?format=csv");

        Assert.That(ndjson.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        Assert.That(csv.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
    }

    [Test]
    public async Task Stream_AcceptGzip_NotCompressed()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestServer.ViewerKey);
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await client.GetAsync("/api/v1/mentions/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(response.Content.Headers.ContentEncoding, Is.Empty);
    }
}
