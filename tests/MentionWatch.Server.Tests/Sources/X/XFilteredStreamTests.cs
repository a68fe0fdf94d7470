using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Sources.X;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Sources.X.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Tests.Sources.X;

/// <summary>The X filtered stream inside the real service against a loopback server speaking the rules and stream formats.</summary>
[TestFixture]
public sealed class XFilteredStreamTests
{
    private const string RulesPath = "/2/tweets/search/stream/rules";
    private const string StreamPath = "/2/tweets/search/stream";
    private const string RecentPath = "/2/tweets/search/recent";
    private FakeApiServer _x = null!;
    private int _connection;

    [SetUp]
    public async Task SetUp()
    {
        _x = await FakeApiServer.StartAsync();
        _connection = 0;
    }

    [TearDown]
    public async Task TearDown() => await _x.DisposeAsync();

    private Dictionary<string, string?> Settings => new()
    {
        ["Sources:X:BearerToken"] = "bearer-do-not-log",
        ["Sources:X:BaseUrl"] = _x.BaseUrl.ToString(),
        ["Sources:X:PollIntervalSeconds"] = "86400",
        ["Sources:X:RetryBaseDelayMilliseconds"] = "1",
        ["Sources:X:Stream:Enabled"] = "true",
        ["Sources:X:Stream:NetworkBackoffMilliseconds"] = "1",
        ["Sources:X:Stream:HttpErrorBackoffMilliseconds"] = "1",
        ["Sources:X:Stream:RateLimitBackoffMilliseconds"] = "1",
        ["Sources:X:Stream:Streaming:BackfillMinimumGapSeconds"] = "0",
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
        ["Watches:1:Name"] = "beta",
        ["Watches:1:Query"] = "beta -spam",
    };

    private static string Line(string id, string text, DateTimeOffset at, string tag = "acme") => new JsonObject
    {
        ["data"] = XWire.Tweet(id, text, "u1", at),
        ["includes"] = new JsonObject { ["users"] = new JsonArray(XWire.User("u1", "alice", "Alice", 10)) },
        ["matching_rules"] = new JsonArray(new JsonObject { ["id"] = "r1", ["tag"] = tag }),
    }.ToJsonString() + "\r\n";

    [Test]
    public async Task Stream_RulesSyncedThenCutMidLine_ReconnectsAndBackfillsTheGapByRecentSearch()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        _x.Reply(RulesPath, 200, "{\"data\":[{\"id\":\"r-acme\",\"value\":\"acme\",\"tag\":\"acme\"},{\"id\":\"r-old\",\"value\":\"gone\",\"tag\":\"gone\"}],\"meta\":{\"result_count\":2}}");
        _x.DefaultReply = new ApiReply(200, "{\"data\":[{\"id\":\"r-acme\",\"value\":\"acme\",\"tag\":\"acme\"},{\"id\":\"r-beta\",\"value\":\"beta -spam\",\"tag\":\"beta\"}],\"meta\":{\"result_count\":2}}");
        _x.Reply(RecentPath, 200, XWire.Page([XWire.Tweet("1000000000000000003", "acme missed", "u1", at)], [XWire.User("u1", "alice", "Alice", 10)]));
        var started = new TaskCompletionSource<Tests.Support.TestServer>();
        _x.Handle(StreamPath, async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            if (n == 1)
            {
                await context.Response.WriteAsync("\r\n" + Line("1000000000000000001", "acme one", at) + "{\"data\":{\"id\":\"1000000000000000009\",\"text\":\"acme ha");
                await context.Response.Body.FlushAsync();
                // The recent-search poll may store its tweet first: wait for the streamed one itself.
                await started.Task.StoredAsync("x", "1000000000000000001", context.RequestAborted);
                context.Abort();
                return;
            }

            await context.Response.WriteAsync(Line("1000000000000000002", "acme two", at) + "{not json}\r\n\r\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        await using var server = await SourceServer.StartAsync(Settings);
        started.SetResult(server);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("x")).Count == 3, "two streamed tweets and the backfilled one");

        Assert.That(await server.ExternalIdsAsync("x"), Is.EquivalentTo(new[] { "1000000000000000001", "1000000000000000002", "1000000000000000003" }));
        var posts = _x.RequestsTo(RulesPath).Where(r => r.Method == "POST").Select(r => r.Body).ToList();
        Assert.That(posts, Has.Some.Contains("\"delete\"").And.Some.Contains("r-old"));
        Assert.That(posts, Has.Some.Contains("\"add\"").And.Some.Contains("beta -spam"));
        Assert.That(posts.Where(p => p.Contains("\"add\"")), Has.None.Contains("\"acme\""), "an existing rule is not added again");
        Assert.That(_x.RequestsTo(RecentPath).Select(r => r.Query.GetValueOrDefault("since_id")), Does.Contain("1000000000000000001"), "backfill from the last streamed tweet");
        Assert.That(_x.RequestsTo(StreamPath)[0].Headers["Authorization"], Is.EqualTo("Bearer bearer-do-not-log"));
        Assert.That(server.Status("x")!.LastError, Does.Contain("stream disconnected").And.Not.Contain("bearer-do-not-log"));
    }

    [Test]
    public async Task Stream_TooManyConnectionsThenServerError_ReconnectsAndReportsTheStatus()
    {
        _x.DefaultReply = new ApiReply(200, "{\"meta\":{\"result_count\":0}}");
        _x.Handle(StreamPath, async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            if (n <= 2)
            {
                context.Response.StatusCode = n == 1 ? 429 : 503;
                await context.Response.WriteAsync("{\"title\":\"ConnectionException\",\"detail\":\"This stream is currently at the maximum allowed connection limit.\"}");
                return;
            }

            await context.Response.WriteAsync(Line("1000000000000000001", "acme one", DateTimeOffset.UtcNow));
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        await using var server = await SourceServer.StartAsync(Settings);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("x")).Count == 1, "the tweet after two refusals");

        Assert.That(_connection, Is.EqualTo(3));
        Assert.That(server.Status("x")!.LastError, Does.Contain("503"));
    }

    [Test]
    public void ReconnectDelay_FollowsXGuidance_LinearForNetworkExponentialForHttpLongerFor429()
    {
        var source = new XFilteredStreamSource(null!, null!, null!, null!, Options.Create(new XSourceOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<XFilteredStreamSource>.Instance);

        Assert.That(source.ReconnectDelay(new HttpRequestException("reset"), 3), Is.EqualTo(TimeSpan.FromMilliseconds(750)));
        Assert.That(source.ReconnectDelay(null, 100), Is.EqualTo(TimeSpan.FromSeconds(16)));
        Assert.That(source.ReconnectDelay(new XStreamHttpException("503", HttpStatusCode.ServiceUnavailable), 3), Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(source.ReconnectDelay(new XStreamHttpException("503", HttpStatusCode.ServiceUnavailable), 10), Is.EqualTo(TimeSpan.FromSeconds(320)));
        Assert.That(source.ReconnectDelay(new XStreamHttpException("429", HttpStatusCode.TooManyRequests), 2), Is.EqualTo(TimeSpan.FromMinutes(2)));
    }
}
