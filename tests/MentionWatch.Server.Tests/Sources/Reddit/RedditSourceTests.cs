using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.HackerNews;
using MentionWatch.Server.Sources.Reddit;
using MentionWatch.Server.Tests.Sources.HackerNews;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Sources.Reddit;

/// <summary>The Reddit source inside the real service against a loopback server speaking Reddit's OAuth and Listing formats.</summary>
[TestFixture]
public sealed class RedditSourceTests
{
    private const string TokenPath = "/api/v1/access_token";
    private const string SearchPath = "/search";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);
    private FakeApiServer _reddit = null!;

    private Dictionary<string, string?> Settings => new()
    {
        ["Sources:Reddit:ClientId"] = "client-id",
        ["Sources:Reddit:ClientSecret"] = "client-secret-do-not-log",
        ["Sources:Reddit:UserAgent"] = "test:mentionwatch:1.0 (by /u/tester)",
        ["Sources:Reddit:BaseUrl"] = _reddit.BaseUrl.ToString(),
        ["Sources:Reddit:TokenUrl"] = _reddit.Url(TokenPath).ToString(),
        ["Sources:Reddit:RetryBaseDelayMilliseconds"] = "1",
    };

    [SetUp]
    public async Task SetUp() => _reddit = await FakeApiServer.StartAsync();

    [TearDown]
    public async Task TearDown() => await _reddit.DisposeAsync();

    private static string Token(string token) => JsonSerializer.Serialize(new { access_token = token, token_type = "bearer", expires_in = 86400, scope = "*" });

    private static JsonObject Link(string id, string title, DateTimeOffset created) => new()
    {
        ["kind"] = "t3",
        ["data"] = new JsonObject
        {
            ["id"] = id, ["name"] = "t3_" + id, ["title"] = title, ["selftext"] = "body of " + id, ["author"] = "u_" + id, ["author_fullname"] = "t2_" + id,
            ["subreddit"] = "scooters", ["created_utc"] = created.ToUnixTimeSeconds() + 0.0, ["permalink"] = $"/r/scooters/comments/{id}/x/", ["over_18"] = false,
        },
    };

    private static string Listing(string? after, params JsonObject[] children) => new JsonObject
    {
        ["kind"] = "Listing",
        ["data"] = new JsonObject { ["after"] = after, ["before"] = null, ["dist"] = children.Length, ["children"] = new JsonArray(children.Select(c => (JsonNode)c).ToArray()) },
    }.ToJsonString();

    [Test]
    public async Task RunAsync_TwoPages_UsesTheAppTokenAndStopsAtTheStoredCursorNextTime()
    {
        _reddit.Reply(TokenPath, 200, Token("tok-1"))
            .Reply(SearchPath, 200, Listing("t3_b", Link("c", "acme c", T0.AddMinutes(3)), Link("b", "acme b", T0.AddMinutes(2))))
            .Reply(SearchPath, 200, Listing(null, Link("a", "acme a", T0.AddMinutes(1))))
            .Reply(SearchPath, 200, Listing("t3_c", Link("d", "acme d", T0.AddMinutes(4)), Link("c", "acme c", T0.AddMinutes(3))));
        await using var server = await SourceServer.StartAsync(Settings);

        var first = await server.PollAsync<RedditSource>("acme", "acme");
        var second = await server.PollAsync<RedditSource>("acme", "acme");

        Assert.That(first.Accepted, Is.EqualTo(3), first.Error);
        Assert.That(second.Fetched, Is.EqualTo(1), "paging stops at the stored newest post");
        var token = _reddit.RequestsTo(TokenPath).Single();
        Assert.That(token.Body, Is.EqualTo("grant_type=client_credentials"));
        Assert.That(token.Headers["Authorization"], Does.StartWith("Basic "));
        var searches = _reddit.RequestsTo(SearchPath);
        Assert.That(searches[0].Headers["Authorization"], Is.EqualTo("Bearer tok-1"));
        Assert.That(searches[0].Query["sort"], Is.EqualTo("new"));
        Assert.That(searches[0].Query["limit"], Is.EqualTo("100"));
        Assert.That(searches[1].Query["after"], Is.EqualTo("t3_b"));
        Assert.That(await server.Store().GetCursorAsync("reddit:acme", CancellationToken.None), Does.EndWith("|t3_d"));
        var post = (await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "reddit"), 10, null, CancellationToken.None)).Items.First();
        Assert.That(post.Post.Url, Is.EqualTo("https://www.reddit.com/r/scooters/comments/d/x/"));
    }

    [Test]
    public async Task RunAsync_RemainingZero_WaitsForTheResetBeforeTheNextRequest()
    {
        var exhausted = new Dictionary<string, string> { ["X-Ratelimit-Used"] = "100", ["X-Ratelimit-Remaining"] = "0.0", ["X-Ratelimit-Reset"] = "3" };
        _reddit.Reply(TokenPath, 200, Token("tok-1"))
            .Reply(SearchPath, 200, Listing(null, Link("a", "acme a", T0)), exhausted)
            .Reply(SearchPath, 200, Listing(null, Link("b", "acme b", T0.AddMinutes(1))));
        await using var server = await SourceServer.StartAsync(Settings);

        await server.PollAsync<RedditSource>("acme", "acme");
        var started = DateTime.UtcNow;
        var second = await server.PollAsync<RedditSource>("acme", "acme");

        Assert.That(second.Accepted, Is.EqualTo(1), second.Error);
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.5)), "waited for X-Ratelimit-Reset");
    }

    [Test]
    public async Task RunAsync_ServerErrorThenMalformedListing_RetriesTheErrorAndFailsOnlyThatPollKeepingTheCursor()
    {
        _reddit.Reply(TokenPath, 200, Token("tok-1"))
            .Reply(SearchPath, 503, "<html><body>Our CDN was unable to reach our servers</body></html>", contentType: "text/html")
            .Reply(SearchPath, 200, Listing(null, Link("a", "acme a", T0)))
            .Reply(SearchPath, 200, "{\"kind\":\"Listing\",\"data\":{\"children\":\"not a list\"}}");
        await using var server = await SourceServer.StartAsync(Settings);

        var first = await server.PollAsync<RedditSource>("acme", "acme");
        var cursor = await server.Store().GetCursorAsync("reddit:acme", CancellationToken.None);
        var broken = await server.PollAsync<RedditSource>("acme", "acme");

        Assert.That(first.Accepted, Is.EqualTo(1), first.Error);
        Assert.That(_reddit.RequestsTo(SearchPath), Has.Count.EqualTo(3), "the 503 was retried within the first poll");
        Assert.That(broken.Succeeded, Is.False);
        Assert.That(broken.Error, Does.Contain("Reddit"));
        Assert.That(await server.Store().GetCursorAsync("reddit:acme", CancellationToken.None), Is.EqualTo(cursor), "a broken page moves no cursor");
        Assert.That(server.Status("reddit")!.Watches.Single().State, Is.EqualTo(SourceState.Failing));
    }

    [Test]
    public async Task Server_Restart_ResumesFromTheStoredCursorAndStoresNothingTwice()
    {
        var store = TempDirectory.Create("reddit-restart");
        try
        {
            _reddit.Reply(TokenPath, 200, Token("tok-1")).Reply(SearchPath, 200, Listing(null, Link("a", "acme a", T0)));
            await using (var server = await SourceServer.StartAsync(Settings, store))
                Assert.That((await server.PollAsync<RedditSource>("acme", "acme")).Accepted, Is.EqualTo(1));

            _reddit.Reply(TokenPath, 200, Token("tok-2"))
                .Reply(SearchPath, 200, Listing("t3_a", Link("b", "acme b", T0.AddMinutes(1)), Link("a", "acme a", T0)));
            await using var restarted = await SourceServer.StartAsync(Settings, store);
            var second = await restarted.PollAsync<RedditSource>("acme", "acme");

            Assert.That(second.Error, Is.Null);
            Assert.That(_reddit.RequestsTo(SearchPath), Has.Count.EqualTo(2), "paging stopped at the post stored before the restart");
            Assert.That(await restarted.ExternalIdsAsync("reddit"), Is.EquivalentTo(new[] { "t3_a", "t3_b" }));
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }

    [Test]
    public async Task RunAsync_TokenRefusedOnce_RefreshesItAndSucceeds()
    {
        _reddit.Reply(TokenPath, 200, Token("old")).Reply(TokenPath, 200, Token("new"))
            .Reply(SearchPath, 401, "{\"message\":\"Unauthorized\",\"error\":401}")
            .Reply(SearchPath, 200, Listing(null, Link("a", "acme a", T0)));
        await using var server = await SourceServer.StartAsync(Settings);

        var outcome = await server.PollAsync<RedditSource>("acme", "acme");

        Assert.That(outcome.Accepted, Is.EqualTo(1), outcome.Error);
        Assert.That(_reddit.RequestsTo(SearchPath).Select(r => r.Headers["Authorization"]), Is.EqualTo(new[] { "Bearer old", "Bearer new" }));
    }

    [Test]
    public async Task Server_RedditFailsPermanently_SourcesShowsTheReasonWhileHackerNewsKeepsDelivering()
    {
        await using var hn = await FakeApiServer.StartAsync();
        hn.DefaultReply = new ApiReply(200, HnWire.Page([HnWire.Story("42", "acme on hn", T0)], 0, 1));
        _reddit.DefaultReply = new ApiReply(401, "{\"message\":\"Unauthorized\",\"error\":401}");
        _reddit.Reply(TokenPath, 200, Token("t1")).Reply(TokenPath, 200, Token("t2"));
        var settings = Settings;
        settings["Sources:HackerNews:Enabled"] = "true";
        settings["Sources:HackerNews:BaseUrl"] = hn.BaseUrl.ToString();
        settings["Sources:HackerNews:PollIntervalSeconds"] = "10";
        settings["Sources:Reddit:PollIntervalSeconds"] = "10";
        settings["Watches:0:Name"] = "acme";
        settings["Watches:0:Query"] = "acme";
        await using var server = await SourceServer.StartAsync(settings);

        var sources = await Until(server, list =>
            list.Any(s => s.GetProperty("name").GetString() == "reddit" && s.GetProperty("permanentFailure").ValueKind == JsonValueKind.String)
            && list.Any(s => s.GetProperty("name").GetString() == "hackernews" && s.GetProperty("postsFetched").GetInt64() >= 1));

        var reddit = sources.Single(s => s.GetProperty("name").GetString() == "reddit");
        var hackerNews = sources.Single(s => s.GetProperty("name").GetString() == "hackernews");
        Assert.That(reddit.GetProperty("state").GetString(), Is.EqualTo("failing"));
        Assert.That(reddit.GetProperty("permanentFailure").GetString(), Does.Contain("401").And.Contain("Sources:Reddit:ClientId"));
        Assert.That(reddit.GetProperty("permanentFailure").GetString(), Does.Not.Contain("client-secret-do-not-log"));
        Assert.That(reddit.GetProperty("watches")[0].GetProperty("name").GetString(), Is.EqualTo("acme"));
        Assert.That(hackerNews.GetProperty("state").GetString(), Is.EqualTo("ok"));
        Assert.That(hackerNews.GetProperty("postsLastHour").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(hackerNews.GetProperty("watches")[0].GetProperty("state").GetString(), Is.EqualTo("ok"));
        Assert.That(await server.ExternalIdsAsync("hackernews"), Does.Contain("42"));
        Assert.That(_reddit.RequestsTo(SearchPath), Has.Count.EqualTo(2), "one refresh, then no more calls");
    }

    private static async Task<List<JsonElement>> Until(TestServer server, Func<List<JsonElement>, bool> condition)
    {
        return await Wait.ForValueAsync(async () => (await server.Viewer.GetFromJsonAsync<JsonElement>("api/v1/sources")).GetProperty("sources").EnumerateArray().ToList(),
            condition, "/api/v1/sources to show the awaited source states", TimeSpan.FromSeconds(30));
    }
}
