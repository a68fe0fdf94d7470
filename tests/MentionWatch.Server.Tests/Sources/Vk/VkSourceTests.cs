using System.Text.Json.Nodes;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Vk;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Sources.Vk;

/// <summary>The VK source inside the real service against a loopback server speaking <c>newsfeed.search</c> (errors as HTTP 200 bodies).</summary>
[TestFixture]
public sealed class VkSourceTests
{
    private const string SearchPath = "/method/newsfeed.search";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);
    private FakeApiServer _vk = null!;

    [SetUp]
    public async Task SetUp() => _vk = await FakeApiServer.StartAsync();

    [TearDown]
    public async Task TearDown() => await _vk.DisposeAsync();

    private Dictionary<string, string?> Settings => new()
    {
        ["Sources:Vk:AccessToken"] = "service-token-do-not-log",
        ["Sources:Vk:BaseUrl"] = _vk.Url("method").ToString(),
        ["Sources:Vk:RetryBaseDelayMilliseconds"] = "1",
        ["Sources:Vk:FloodControlWaitSeconds"] = "1",
        ["Sources:Vk:MaxPagesPerRun"] = "2",
    };

    private static JsonObject Item(long owner, long id, string text, DateTimeOffset at) => new()
    {
        ["id"] = id, ["owner_id"] = owner, ["from_id"] = owner, ["date"] = at.ToUnixTimeSeconds(), ["post_type"] = "post", ["text"] = text,
    };

    private static string Page(string? nextFrom, params JsonObject[] items) => new JsonObject
    {
        ["response"] = new JsonObject
        {
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()), ["count"] = items.Length, ["total_count"] = 500, ["next_from"] = nextFrom,
            ["profiles"] = new JsonArray(new JsonObject { ["id"] = 11, ["first_name"] = "Ivan", ["last_name"] = "P", ["screen_name"] = "ivanp" }),
            ["groups"] = new JsonArray(new JsonObject { ["id"] = 22, ["name"] = "Acme club", ["screen_name"] = "acmeclub" }),
        },
    }.ToJsonString();

    private static string Error(int code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["error_code"] = code, ["error_msg"] = message, ["request_params"] = new JsonArray() } }.ToJsonString();

    [Test]
    public async Task RunAsync_PageCapThenRestart_ResumesTheSweepWithNextFromAndStoresEachPostOnce()
    {
        var store = TempDirectory.Create("vk-restart");
        try
        {
            _vk.Reply(SearchPath, 200, Page("p2", Item(11, 3, "acme three", T0.AddMinutes(3)), Item(-22, 2, "acme two", T0.AddMinutes(2))))
                .Reply(SearchPath, 200, Page("p3", Item(11, 1, "acme one", T0.AddMinutes(1))));
            await using (var server = await SourceServer.StartAsync(Settings, store))
            {
                var first = await server.PollAsync<VkNewsfeedSource>("acme", "acme");
                Assert.That(first.Accepted, Is.EqualTo(3), first.Error);
            }

            _vk.Reply(SearchPath, 200, Page(null, Item(11, 1, "acme one", T0.AddMinutes(1)), Item(11, 0, "acme zero", T0)))
                .Reply(SearchPath, 200, Page(null, Item(11, 4, "acme four", T0.AddMinutes(4))));
            await using var restarted = await SourceServer.StartAsync(Settings, store);
            var second = await restarted.PollAsync<VkNewsfeedSource>("acme", "acme");
            var third = await restarted.PollAsync<VkNewsfeedSource>("acme", "acme");

            Assert.That(second.Accepted, Is.EqualTo(1), "the rest of the sweep; the repeated post is a duplicate");
            Assert.That(third.Accepted, Is.EqualTo(1));
            var requests = _vk.RequestsTo(SearchPath);
            Assert.That(requests[1].Query["start_from"], Is.EqualTo("p2"));
            Assert.That(requests[2].Query["start_from"], Is.EqualTo("p3"), "resumed after the restart");
            Assert.That(requests[2].Query["end_time"], Is.EqualTo(requests[0].Query["end_time"]), "same sweep window");
            Assert.That(requests[3].Query["start_time"], Is.EqualTo((T0.AddMinutes(3).ToUnixTimeSeconds() + 1).ToString()), "then from the newest post");
            Assert.That(requests[0].Query["v"], Is.EqualTo("5.199"));
            Assert.That(await restarted.ExternalIdsAsync("vk"), Has.Count.EqualTo(5));
            var handles = (await restarted.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "vk"), 10, null, CancellationToken.None)).Items.Select(m => m.Post.Author.Handle);
            Assert.That(handles, Does.Contain("acmeclub").And.Contain("ivanp"));
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }

    [Test]
    public async Task RunAsync_TooManyRequestsPerSecondAndFloodControl_BackOffAndRetry()
    {
        _vk.Reply(SearchPath, 200, Error(6, "Too many requests per second"))
            .Reply(SearchPath, 200, Error(9, "Flood control"))
            .Reply(SearchPath, 503, "oops")
            .Reply(SearchPath, 200, Page(null, Item(11, 1, "acme", T0)));
        await using var server = await SourceServer.StartAsync(Settings);

        var started = DateTime.UtcNow;
        var outcome = await server.PollAsync<VkNewsfeedSource>("acme", "acme");

        Assert.That(outcome.Accepted, Is.EqualTo(1), outcome.Error);
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "flood control waited");
        Assert.That(_vk.RequestsTo(SearchPath), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task RunAsync_RateLimitReached_PausesUntilTheNextDayWithoutCalling()
    {
        _vk.Reply(SearchPath, 200, Error(29, "Rate limit reached"));
        await using var server = await SourceServer.StartAsync(Settings);

        var first = await server.PollAsync<VkNewsfeedSource>("acme", "acme");
        var second = await server.PollAsync<VkNewsfeedSource>("acme", "acme");

        Assert.That(first.Succeeded, Is.False);
        Assert.That(second.Error, Does.Contain("paused until"));
        Assert.That(_vk.RequestsTo(SearchPath), Has.Count.EqualTo(1));
        Assert.That(server.Status("vk")!.LastError, Does.Contain("paused until"));
    }

    [Test]
    public async Task RunAsync_AuthorizationFailed_IsPermanentAndNeverLeaksTheToken()
    {
        _vk.Reply(SearchPath, 200, Error(5, "User authorization failed: invalid access_token (4)."));
        await using var server = await SourceServer.StartAsync(Settings);

        var outcome = await server.PollAsync<VkNewsfeedSource>("acme", "acme");

        Assert.That(outcome.Permanent, Is.True);
        var status = server.Status("vk")!;
        Assert.That(status.PermanentFailure, Does.Contain("authorization failed"));
        Assert.That(status.State, Is.EqualTo(SourceState.Failing));
        Assert.That(status.LastError, Does.Not.Contain("service-token-do-not-log"));
    }

    [Test]
    public async Task RunAsync_MalformedBody_FailsThePollAndKeepsTheCursor()
    {
        _vk.Reply(SearchPath, 200, "<html>maintenance</html>").Reply(SearchPath, 200, "{\"response\":{\"count\":1}}");
        await using var server = await SourceServer.StartAsync(Settings);

        var first = await server.PollAsync<VkNewsfeedSource>("acme", "acme");
        var second = await server.PollAsync<VkNewsfeedSource>("acme", "acme");

        Assert.That(first.Error, Does.Contain("not JSON"));
        Assert.That(second.Error, Does.Contain("not the newsfeed.search format"));
        Assert.That(await server.Store().GetCursorAsync("vk:acme", CancellationToken.None), Is.Null);
    }
}
