using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.HackerNews;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Sources.HackerNews;

/// <summary>The Hacker News source inside the real service against a loopback server speaking Algolia's HN Search format.</summary>
[TestFixture]
public sealed class HackerNewsSourceTests
{
    private const string Path = "/api/v1/search_by_date";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);
    private FakeApiServer _hn = null!;

    private Dictionary<string, string?> Settings => new()
    {
        ["Sources:HackerNews:Enabled"] = "true",
        ["Sources:HackerNews:BaseUrl"] = _hn.BaseUrl.ToString(),
        ["Sources:HackerNews:RetryBaseDelayMilliseconds"] = "1",
        ["Sources:HackerNews:MaxRetries"] = "2",
    };

    [SetUp]
    public async Task SetUp() => _hn = await FakeApiServer.StartAsync();

    [TearDown]
    public async Task TearDown() => await _hn.DisposeAsync();

    [Test]
    public async Task RunAsync_TwoPages_StoresBothAndResumesAfterTheNewestCreatedAt()
    {
        _hn.Reply(Path, 200, HnWire.Page([HnWire.Story("3", "Acme launches", T0.AddMinutes(3)), HnWire.Comment("2", "<p>acme &gt; others</p>", T0.AddMinutes(2), 1)], 0, 2))
           .Reply(Path, 200, HnWire.Page([HnWire.Story("1", "Acme beta", T0.AddMinutes(1))], 1, 2))
           .Reply(Path, 200, HnWire.Page([], 0, 0));
        await using var server = await SourceServer.StartAsync(Settings);

        var first = await server.PollAsync<HackerNewsSource>("acme", "acme OR acmecorp");
        var second = await server.PollAsync<HackerNewsSource>("acme", "acme OR acmecorp");

        Assert.That(first.Accepted, Is.EqualTo(3), first.Error);
        Assert.That(second.Succeeded, Is.True, second.Error);
        var requests = _hn.RequestsTo(Path);
        Assert.That(requests.Select(r => r.Query["page"]), Is.EqualTo(new[] { "0", "1", "0" }));
        Assert.That(requests[0].Query["tags"], Is.EqualTo("(story,comment)"));
        Assert.That(requests[0].Query["query"], Is.EqualTo("acme acmecorp"));
        Assert.That(requests[0].Query["optionalWords"], Is.EqualTo("acme acmecorp"), "alternatives: any word may match");
        Assert.That(requests[2].Query["numericFilters"], Does.StartWith($"created_at_i>{T0.AddMinutes(3).ToUnixTimeSeconds()},"));
        Assert.That(await server.Store().GetCursorAsync("hackernews:acme", CancellationToken.None), Is.EqualTo(T0.AddMinutes(3).ToUnixTimeSeconds().ToString()));
        var comment = (await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "hackernews"), 10, null, CancellationToken.None)).Items.Single(m => m.Post.ExternalId == "2");
        Assert.That(comment.Post.Text, Is.EqualTo("acme > others"));
        Assert.That(comment.Post.Url, Is.EqualTo("https://news.ycombinator.com/item?id=2"));
    }

    [Test]
    public async Task RunAsync_WindowOverAThousandHits_WalksNarrowerWindowsOldestFirst()
    {
        _hn.Reply(Path, 200, HnWire.Page([HnWire.Story("9", "acme", T0.AddMinutes(9))], 0, 15, nbHits: 1_500))
           .Reply(Path, 200, HnWire.Page([HnWire.Story("1", "acme old", T0.AddHours(-20))], 0, 1))
           .Reply(Path, 200, HnWire.Page([HnWire.Story("9", "acme", T0.AddMinutes(9))], 0, 1));
        await using var server = await SourceServer.StartAsync(Settings);

        var outcome = await server.PollAsync<HackerNewsSource>("acme", "acme");

        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
        var windows = _hn.RequestsTo(Path).Select(r => r.Query["numericFilters"].Split(',').Select(f => long.Parse(f.Split('>', '=').Last())).ToArray()).ToList();
        Assert.That(windows, Has.Count.EqualTo(3));
        Assert.That(windows[1][0], Is.EqualTo(windows[0][0]), "the lower half starts where the whole window did");
        Assert.That(windows[1][1], Is.EqualTo(windows[2][0]), "the halves meet");
        Assert.That(windows[2][1], Is.EqualTo(windows[0][1]));
        Assert.That(await server.ExternalIdsAsync("hackernews"), Is.EquivalentTo(new[] { "1", "9" }));
    }

    [Test]
    public async Task RunAsync_ServerErrorThenSuccess_IsRetried()
    {
        _hn.Reply(Path, 503, "{\"message\":\"busy\"}").Reply(Path, 200, HnWire.Page([HnWire.Story("5", "acme", T0)], 0, 1));
        await using var server = await SourceServer.StartAsync(Settings);

        var outcome = await server.PollAsync<HackerNewsSource>("acme", "acme");

        Assert.That(outcome.Accepted, Is.EqualTo(1), outcome.Error);
        Assert.That(_hn.RequestsTo(Path), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        _hn.Reply(Path, 429, "{\"message\":\"rate limited\"}", new Dictionary<string, string> { ["Retry-After"] = "1" })
           .Reply(Path, 200, HnWire.Page([HnWire.Story("5", "acme", T0)], 0, 1));
        await using var server = await SourceServer.StartAsync(Settings);

        var outcome = await server.PollAsync<HackerNewsSource>("acme", "acme");

        Assert.That(outcome.Accepted, Is.EqualTo(1), outcome.Error);
        var requests = _hn.RequestsTo(Path);
        Assert.That(requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_MalformedPayload_ReportsItAndKeepsTheCursor()
    {
        _hn.Reply(Path, 200, HnWire.Page([HnWire.Story("5", "acme", T0)], 0, 1)).Reply(Path, 200, "{\"hits\": \"not a list\"");
        await using var server = await SourceServer.StartAsync(Settings);
        await server.PollAsync<HackerNewsSource>("acme", "acme");

        var broken = await server.PollAsync<HackerNewsSource>("acme", "acme");

        Assert.That(broken.Succeeded, Is.False);
        Assert.That(broken.Error, Does.Contain("not the HN Search JSON format"));
        Assert.That(await server.Store().GetCursorAsync("hackernews:acme", CancellationToken.None), Is.EqualTo(T0.ToUnixTimeSeconds().ToString()));
        Assert.That(server.Status("hackernews")!.Watches.Single().State, Is.EqualTo(SourceState.Failing));
    }

    [Test]
    public async Task Server_Restart_ResumesFromTheStoredCursorWithNothingTwice()
    {
        var store = TempDirectory.Create("hn-restart");
        try
        {
            _hn.Reply(Path, 200, HnWire.Page([HnWire.Story("7", "acme", T0)], 0, 1));
            await using (var server = await SourceServer.StartAsync(Settings, store))
            {
                await server.PollAsync<HackerNewsSource>("acme", "acme");
            }

            _hn.Reply(Path, 200, HnWire.Page([HnWire.Story("8", "acme", T0.AddMinutes(1)), HnWire.Story("7", "acme", T0)], 0, 1));
            await using (var restarted = await SourceServer.StartAsync(Settings, store))
            {
                var outcome = await restarted.PollAsync<HackerNewsSource>("acme", "acme");
                Assert.That(_hn.RequestsTo(Path)[^1].Query["numericFilters"], Does.StartWith($"created_at_i>{T0.ToUnixTimeSeconds()},"));
                Assert.That(outcome.Duplicates, Is.EqualTo(1));
                Assert.That(await restarted.ExternalIdsAsync("hackernews"), Is.EquivalentTo(new[] { "7", "8" }));
            }
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }
}
