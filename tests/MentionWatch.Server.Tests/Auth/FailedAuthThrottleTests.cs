using System.Net;
using System.Net.Sockets;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Auth;

[TestFixture]
public sealed class FailedAuthThrottleTests
{
    private const int Limit = 5;

    private static Task<TestServer> StartAsync() =>
        TestServer.StartAsync(new Dictionary<string, string?> { ["Auth:FailedAttemptsPerMinute"] = Limit.ToString() });

    /// <summary>A client whose connections come from another loopback address (127.0.0.2), i.e. another client address.</summary>
    private static HttpClient ClientFrom(TestServer server, string address, string key)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Test]
    public async Task FailedKeys_OverTheLimit_429WithRetryAfterEvenForAValidKey()
    {
        await using var server = await StartAsync();
        using var wrong = server.NewClient("not-a-key-at-all-0123456789");
        for (var i = 0; i < Limit; i++)
        {
            using var refused = await wrong.GetAsync("/api/v1/watches");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {i + 1}");
        }

        using var blockedWrong = await wrong.GetAsync("/api/v1/watches");
        using var blockedValid = await server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch("throttled", "x").ToJsonString());

        await blockedWrong.AssertProblemAsync(HttpStatusCode.TooManyRequests, "Auth:FailedAttemptsPerMinute");
        await blockedValid.AssertProblemAsync(HttpStatusCode.TooManyRequests, "try again in");
        var retryAfter = int.Parse(blockedValid.Headers.GetValues("Retry-After").Single());
        Assert.That(retryAfter, Is.InRange(1, 60), "blocked only until the one-minute window ends");
        // Nothing was created while blocked (checked from another address, which is not blocked).
        using var other = ClientFrom(server, "127.0.0.2", TestServer.ViewerKey);
        using var lookup = await other.GetAsync("/api/v1/watches/throttled");
        Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task FailedKeys_FromAnotherAddress_DoNotBlockThisOne()
    {
        await using var server = await StartAsync();
        using var attacker = ClientFrom(server, "127.0.0.2", "not-a-key-at-all-0123456789");
        for (var i = 0; i <= Limit; i++) (await attacker.GetAsync("/api/v1/watches")).Dispose();
        using var attackerBlocked = await attacker.GetAsync("/api/v1/watches");
        Assert.That(attackerBlocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));

        using var response = await server.Viewer.GetAsync("/api/v1/watches");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ValidKeys_ManyRequests_NeverCountAsFailures()
    {
        await using var server = await StartAsync();
        using var wrong = server.NewClient("not-a-key-at-all-0123456789");
        for (var i = 0; i < Limit - 1; i++) (await wrong.GetAsync("/api/v1/watches")).Dispose();

        for (var i = 0; i < Limit * 4; i++)
        {
            using var ok = await server.Viewer.GetAsync("/api/v1/watches");
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
        }
    }

    [Test]
    public async Task Start_FailedAttemptsPerMinuteZero_FailsNamingTheKey()
    {
        var app = TestServer.Build(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = TempDirectory.Create("store"),
            ["Auth:AdminKey"] = TestServer.AdminKey,
            ["Auth:FailedAttemptsPerMinute"] = "0",
            ["Cors:AllowedOrigins:0"] = "https://dash.example/path",
        });
        await using var _ = app;

        var ex = Assert.CatchAsync(() => app.StartAsync());

        var problems = MentionWatch.Server.Hosting.MentionWatchEndpoints.ConfigurationProblems(ex!);
        Assert.That(problems, Has.Some.Contains("Auth:FailedAttemptsPerMinute must be from 1 to 100000"));
        Assert.That(problems, Has.Some.Contains("Cors:AllowedOrigins:0 'https://dash.example/path'"));
    }
}
