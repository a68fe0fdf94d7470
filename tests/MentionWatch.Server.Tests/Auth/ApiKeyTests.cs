using System.Net;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Auth;

[TestFixture]
public sealed class ApiKeyTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("/api/v1/mentions")]
    [TestCase("/api/v1/watches")]
    [TestCase("/api/v1/trends")]
    [TestCase("/api/v1/sources")]
    [TestCase("/api/v1/export?format=csv")]
    public async Task Get_MissingKey_401NamingTheHeader(string path)
    {
        using var response = await _server.Anonymous.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    [Test]
    public async Task Get_WrongKey_401()
    {
        using var client = _server.NewClient("not-a-configured-key-123");

        using var response = await client.GetAsync("/api/v1/mentions");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "does not match");
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("X-Api-Key"));
    }

    [Test]
    public async Task Ingest_MissingKey_401AndNothingStored()
    {
        var source = "anon" + Guid.NewGuid().ToString("N")[..8];

        using var response = await _server.Anonymous.PostJsonAsync("/api/v1/ingest", Some.Array(Some.Post(source: source)).ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "X-Api-Key");
        Assert.That(await _server.Viewer.CountAsync($"&source={source}"), Is.Zero);
    }

    [Test]
    public async Task Roles_EachKey_ReachesExactlyItsEndpoints()
    {
        async Task<HttpStatusCode> Status(HttpClient client, HttpMethod method, string path, string? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        var watch = Some.Watch("rolecheck", "x").ToJsonString();

        Assert.Multiple(async () =>
        {
            Assert.That(await Status(_server.Viewer, HttpMethod.Get, "/api/v1/mentions"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Status(_server.Viewer, HttpMethod.Get, "/api/v1/share-of-voice?watches=none"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await Status(_server.Viewer, HttpMethod.Get, "/api/v1/export?format=ndjson"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Status(_server.Viewer, HttpMethod.Post, "/api/v1/ingest", "[]"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Status(_server.Analyst, HttpMethod.Get, "/api/v1/export?format=ndjson"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Status(_server.Analyst, HttpMethod.Post, "/api/v1/ingest", "[]"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Status(_server.Analyst, HttpMethod.Post, "/api/v1/watches", watch), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Status(_server.Analyst, HttpMethod.Delete, "/api/v1/watches/rolecheck"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Status(_server.Admin, HttpMethod.Post, "/api/v1/watches", watch), Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await Status(_server.Admin, HttpMethod.Delete, "/api/v1/watches/rolecheck"), Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task Health_NoKeyNeeded()
    {
        using var live = await _server.Anonymous.GetAsync("/healthz");
        using var ready = await _server.Anonymous.GetAsync("/readyz");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }
}
