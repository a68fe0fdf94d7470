using System.Text.Json.Nodes;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Tests.Sources.Support;
using Microsoft.AspNetCore.Http;

namespace MentionWatch.Server.Tests.Sources.Mastodon;

/// <summary>The Mastodon source inside the real service against a loopback instance speaking the streaming (SSE) and search formats.</summary>
[TestFixture]
public sealed class MastodonSourceTests
{
    private const string StreamPath = "/api/v1/streaming/public";
    private const string SearchPath = "/api/v2/search";
    private FakeApiServer _instance = null!;
    private int _connection;

    [SetUp]
    public async Task SetUp()
    {
        _instance = await FakeApiServer.StartAsync();
        _connection = 0;
    }

    [TearDown]
    public async Task TearDown() => await _instance.DisposeAsync();

    private Dictionary<string, string?> Settings => new()
    {
        ["Sources:Mastodon:Instances:0:Url"] = _instance.BaseUrl.ToString(),
        ["Sources:Mastodon:Instances:0:AccessToken"] = "token-do-not-log",
        ["Sources:Mastodon:RetryBaseDelayMilliseconds"] = "1",
        ["Sources:Mastodon:Streaming:ReconnectBaseDelayMilliseconds"] = "1",
        ["Sources:Mastodon:Streaming:BackfillMinimumGapSeconds"] = "0",
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
    };

    internal static JsonObject Status(string id, string html, DateTimeOffset at, string acct = "alice", JsonObject? reblog = null) => new()
    {
        ["id"] = id, ["uri"] = $"https://social.example/users/{acct}/statuses/{id}", ["url"] = $"https://social.example/@{acct}/{id}",
        ["created_at"] = at.ToString("O"), ["content"] = html, ["spoiler_text"] = "", ["language"] = "en", ["in_reply_to_id"] = null,
        ["account"] = new JsonObject { ["id"] = "1", ["username"] = acct, ["acct"] = acct, ["display_name"] = acct.ToUpperInvariant(), ["url"] = $"https://social.example/@{acct}", ["followers_count"] = 12 },
        ["reblog"] = reblog,
    };

    private static string Update(JsonObject status) => "event: update\ndata: " + status.ToJsonString() + "\n\n";

    [Test]
    public async Task Stream_UpdatesHeartbeatsAndACutLine_StoresMatchingStatusesAsTextOnly()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var started = new TaskCompletionSource<Tests.Support.TestServer>();
        _instance.Handle(StreamPath, async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            context.Response.ContentType = "text/event-stream";
            if (n == 1)
            {
                await context.Response.WriteAsync(":thump\n" + Update(Status("1", "<p>My <b>acme</b> scooter&amp;me</p>", at))
                    + Update(Status("2", "<p>unrelated</p>", at)) + "event: delete\ndata: 99\n\n" + "event: update\ndata: {broken\n\n"
                    + "event: update\ndata: {\"id\":\"3\",\"content\":\"acme cu");
                await context.Response.Body.FlushAsync();
                await started.Task.StoredAsync("mastodon", 1, context.RequestAborted);
                context.Abort();
                return;
            }

            await context.Response.WriteAsync(Update(Status("4", "<p>acme four</p>", at, "bob@other.example")));
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        _instance.DefaultReply = new ApiReply(200, "{\"accounts\":[],\"statuses\":[],\"hashtags\":[]}");
        await using var server = await SourceServer.StartAsync(Settings);
        started.SetResult(server);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("mastodon")).Count == 2, "two matching statuses");

        var mentions = (await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "mastodon"), 10, null, CancellationToken.None)).Items;
        var first = mentions.Single(m => m.Post.ExternalId.EndsWith("/1"));
        Assert.That(first.Post.Text, Is.EqualTo("My acme scooter&me"));
        Assert.That(first.Post.Author.Handle, Is.EqualTo("alice@" + _instance.BaseUrl.Authority));
        Assert.That(mentions.Single(m => m.Post.ExternalId.EndsWith("/4")).Post.Author.Handle, Is.EqualTo("bob@other.example"));
        Assert.That(mentions.Select(m => m.Post.Text), Has.None.Contains("acme cu"), "the cut event is never dispatched");
        var stream = _instance.RequestsTo(StreamPath)[0];
        Assert.That(stream.Headers["Authorization"], Is.EqualTo("Bearer token-do-not-log"));
        var status = server.Status("mastodon")!;
        Assert.That(status.Watches.Select(w => w.Name), Does.Contain(_instance.BaseUrl.Authority), "reported per instance");
        Assert.That(status.LastError, Does.Not.Contain("token-do-not-log"));
    }

    [Test]
    public async Task Stream_GapAfterADisconnect_IsBackfilledBySearchPerWatch()
    {
        var later = DateTimeOffset.UtcNow.AddMinutes(1);
        var started = new TaskCompletionSource<Tests.Support.TestServer>();
        _instance.Handle(StreamPath, async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            await context.Response.WriteAsync(n == 1 ? Update(Status("1", "acme one", DateTimeOffset.UtcNow)) : ":thump\n");
            await context.Response.Body.FlushAsync();
            if (n == 1)
            {
                await started.Task.StoredAsync("mastodon", 1, context.RequestAborted);
                context.Abort();
                return;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        _instance.Reply(SearchPath, 503, "{\"error\":\"unavailable\"}");
        _instance.Reply(SearchPath, 200, new JsonObject
        {
            ["accounts"] = new JsonArray(), ["hashtags"] = new JsonArray(),
            ["statuses"] = new JsonArray(Status("7", "acme missed", later), Status("8", "old acme", later.AddDays(-3)), new JsonObject { ["id"] = "bad" }),
        }.ToJsonString());
        await using var server = await SourceServer.StartAsync(Settings);
        started.SetResult(server);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("mastodon")).Count == 2, "the live status and the backfilled one");

        var search = _instance.RequestsTo(SearchPath)[^1];
        Assert.That(search.Query["q"], Is.EqualTo("acme"));
        Assert.That(search.Query["type"], Is.EqualTo("statuses"));
        Assert.That(await server.ExternalIdsAsync("mastodon"), Has.None.EndsWith("/8"), "older than the gap");
        Assert.That(server.Status("mastodon")!.Gaps, Is.Not.Empty);
    }

    [Test]
    public async Task Backfill_RateLimitedThenTwoPages_WaitsForTheIsoResetAndPagesBackWithMaxId()
    {
        var at = DateTimeOffset.UtcNow;
        var started = new TaskCompletionSource<Tests.Support.TestServer>();
        _instance.Handle(StreamPath, async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            await context.Response.WriteAsync(n == 1 ? Update(Status("100", "acme live", at)) : ":thump\n");
            await context.Response.Body.FlushAsync();
            if (n == 1)
            {
                await started.Task.StoredAsync("mastodon", 1, context.RequestAborted);
                context.Abort();
                return;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        // Mastodon's X-RateLimit-Reset is an ISO 8601 time, not seconds.
        var reset = DateTimeOffset.UtcNow.AddSeconds(2);
        _instance.Reply(SearchPath, 429, "{\"error\":\"Too many requests\"}", new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "300", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        });
        string Page(params JsonObject[] statuses) => new JsonObject
        {
            ["accounts"] = new JsonArray(), ["hashtags"] = new JsonArray(), ["statuses"] = new JsonArray(statuses.Select(x => (JsonNode)x).ToArray()),
        }.ToJsonString();
        _instance.Reply(SearchPath, 200, Page(Status("105", "acme five", at.AddSeconds(5)), Status("104", "acme four", at.AddSeconds(4))));
        _instance.Reply(SearchPath, 200, Page(Status("103", "acme three", at.AddSeconds(3))));
        var settings = Settings;
        settings["Sources:Mastodon:BackfillLimit"] = "2";
        await using var server = await SourceServer.StartAsync(settings);
        started.SetResult(server);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("mastodon")).Count == 4, "the live status and three from two search pages");

        var searches = _instance.RequestsTo(SearchPath);
        Assert.That(searches, Has.Count.EqualTo(3), "one 429, then two pages");
        Assert.That(searches[1].Query.ContainsKey("max_id"), Is.False);
        Assert.That(searches[2].Query["max_id"], Is.EqualTo("104"), "the next page starts below the oldest status seen");
        Assert.That(searches[1].At, Is.GreaterThanOrEqualTo(reset.AddMilliseconds(-20)), "the retry waited for the announced reset");
    }

    [Test]
    public async Task Stream_RestartOnTheSameStore_SearchesWhatWasMissedSinceTheStoredCursorAndStoresNothingTwice()
    {
        var store = TempDirectory.Create("mastodon-restart");
        try
        {
            var at = DateTimeOffset.UtcNow.AddMinutes(-10);
            _instance.Handle(StreamPath, async context =>
            {
                await context.Response.WriteAsync(Update(Status("1", "acme one", at)));
                await context.Response.Body.FlushAsync();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            });
            await using (var server = await SourceServer.StartAsync(Settings, store))
            {
                await Wait.ForAsync(async () => (await server.ExternalIdsAsync("mastodon")).Count == 1, "the first status");
            }

            _instance.Reply(SearchPath, 200, new JsonObject
            {
                ["accounts"] = new JsonArray(), ["hashtags"] = new JsonArray(),
                ["statuses"] = new JsonArray(Status("1", "acme one", at), Status("2", "acme while stopped", at.AddMinutes(5)), Status("0", "acme long ago", at.AddDays(-2))),
            }.ToJsonString());
            await using var restarted = await SourceServer.StartAsync(Settings, store);
            await Wait.ForAsync(async () => (await restarted.ExternalIdsAsync("mastodon")).Count == 2, "the status posted while stopped");

            Assert.That(await restarted.ExternalIdsAsync("mastodon"), Is.EquivalentTo(new[] { "https://social.example/users/alice/statuses/1", "https://social.example/users/alice/statuses/2" }));
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }

    [Test]
    public async Task Stream_TokenRefused_FailsPermanentlyWithoutReconnecting()
    {
        _instance.Reply(StreamPath, 401, "{\"error\":\"The access token is invalid\"}");
        await using var server = await SourceServer.StartAsync(Settings);

        await Wait.ForAsync(() => server.Status("mastodon")?.PermanentFailure is not null, "a permanent failure");
        await Task.Delay(200);

        Assert.That(_instance.RequestsTo(StreamPath), Has.Count.EqualTo(1));
        Assert.That(server.Status("mastodon")!.State, Is.EqualTo(SourceState.Failing));
    }
}
