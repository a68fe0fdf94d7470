using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Rss;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Sources.Rss;

/// <summary>The RSS source inside the real service against a loopback feed server: conditional GET, dedupe, broken XML, restarts.</summary>
[TestFixture]
public sealed class RssFeedSourceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string?> NoFeeds = new();
    private FakeApiServer _feed = null!;
    private string FeedUrl => _feed.Url("/feed.xml").ToString();

    [SetUp]
    public async Task SetUp() => _feed = await FakeApiServer.StartAsync();

    [TearDown]
    public async Task TearDown() => await _feed.DisposeAsync();

    [Test]
    public async Task RunAsync_FeedThenNotModified_StoresItemsOnceAndSendsTheValidatorsBack()
    {
        var etag = "\"v1\"";
        _feed.Reply("/feed.xml", 200, RssWire.Rss(("a1", "Voltik recall", "<p>The <b>Voltik</b> S2 is recalled.</p><p>Check your serial.</p>", T0)),
                new Dictionary<string, string> { ["ETag"] = etag, ["Last-Modified"] = "Sun, 22 Nov 2026 08:00:00 GMT" }, "application/rss+xml")
            .Reply("/feed.xml", 304, "");
        await using var server = await SourceServer.StartAsync(NoFeeds);

        var first = await server.PollAsync<RssFeedSource>(FeedUrl, FeedUrl);
        var second = await server.PollAsync<RssFeedSource>(FeedUrl, FeedUrl);

        Assert.That(first.Succeeded, Is.True, first.Error);
        Assert.That(second.Succeeded, Is.True, second.Error);
        Assert.That(second.Fetched, Is.Zero);
        var stored = await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "rss"), 10, null, CancellationToken.None);
        Assert.That(stored.Items, Has.Count.EqualTo(1));
        Assert.That(stored.Items[0].Post.Text, Is.EqualTo("Voltik recall\n\nThe Voltik S2 is recalled. Check your serial."));
        Assert.That(stored.Items[0].Post.Url, Is.EqualTo("https://news.example/a1"));
        Assert.That(stored.Items[0].Post.CreatedAt, Is.EqualTo(T0));
        var conditional = _feed.RequestsTo("/feed.xml")[1];
        Assert.That(conditional.Headers["If-None-Match"], Is.EqualTo(etag));
        Assert.That(conditional.Headers["If-Modified-Since"], Is.EqualTo("Sun, 22 Nov 2026 08:00:00 GMT"));
    }

    [Test]
    public async Task RunAsync_BrokenXml_ReportsTheFailureAndKeepsTheCursor()
    {
        _feed.Reply("/feed.xml", 200, RssWire.Rss(("a1", "one", "x", T0)), new Dictionary<string, string> { ["ETag"] = "\"v1\"" })
            .Reply("/feed.xml", 200, "<rss version=\"2.0\"><channel><item><title>cut", new Dictionary<string, string> { ["ETag"] = "\"v2\"" });
        await using var server = await SourceServer.StartAsync(NoFeeds);
        await server.PollAsync<RssFeedSource>(FeedUrl, FeedUrl);
        var cursorBefore = await server.Store().GetCursorAsync("rss:" + FeedUrl, CancellationToken.None);

        var broken = await server.PollAsync<RssFeedSource>(FeedUrl, FeedUrl);

        Assert.That(broken.Succeeded, Is.False);
        Assert.That(broken.Error, Does.Contain("not valid RSS or Atom XML"));
        Assert.That(await server.Store().GetCursorAsync("rss:" + FeedUrl, CancellationToken.None), Is.EqualTo(cursorBefore));
        var feed = server.Status("rss")!.Watches.Single();
        Assert.That(feed.State, Is.EqualTo(SourceState.Failing));
        Assert.That(feed.ConsecutiveFailures, Is.EqualTo(1));
        Assert.That(feed.LastError, Does.Contain("not valid RSS or Atom XML"));
    }

    [Test]
    public async Task RunAsync_RateLimitedThenServerError_WaitsForRetryAfterRetriesAndStoresTheItemsOnce()
    {
        _feed.Reply("/feed.xml", 429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "1" }, "text/plain")
            .Reply("/feed.xml", 503, "<html>maintenance</html>", contentType: "text/html")
            .Reply("/feed.xml", 200, RssWire.Rss(("a1", "Voltik recall", "recalled", T0)), contentType: "application/rss+xml");
        await using var server = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Sources:Rss:RetryBaseDelayMilliseconds"] = "1" });

        var outcome = await server.PollAsync<RssFeedSource>(FeedUrl, FeedUrl);

        Assert.That(outcome.Accepted, Is.EqualTo(1), outcome.Error);
        var requests = _feed.RequestsTo("/feed.xml");
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.That(requests[1].At - requests[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "waited for Retry-After");
        Assert.That(server.Status("rss")!.Watches.Single().State, Is.EqualTo(SourceState.Ok));
    }

    [Test]
    public async Task RunAsync_AtomWithHtmlContent_BecomesATextPostWithItsAuthor()
    {
        _feed.Reply("/feed.xml", 200, RssWire.Atom("tag:blog,2026:1", "Брюбёрд review", "<div>Coffee &amp; <i>cake</i><br/>at Brewbird</div>", T0), contentType: "application/atom+xml");
        await using var server = await SourceServer.StartAsync(NoFeeds);

        var outcome = await server.PollAsync<RssFeedSource>(FeedUrl, FeedUrl);

        Assert.That(outcome.Accepted, Is.EqualTo(1), outcome.ToString());
        var mention = (await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "rss"), 10, null, CancellationToken.None)).Items.Single();
        Assert.That(mention.Post.ExternalId, Is.EqualTo("tag:blog,2026:1"));
        Assert.That(mention.Post.Text, Is.EqualTo("Брюбёрд review\n\nCoffee & cake at Brewbird"));
        Assert.That(mention.Post.Author.Name, Is.EqualTo("Ann Writer"));
        Assert.That(mention.Post.Author.Handle, Is.EqualTo("127.0.0.1"), "the feed's host");
    }

    [Test]
    public async Task Server_RestartWithTheSameStore_StoresOnlyNewItemsAndMatchesWatches()
    {
        var store = TempDirectory.Create("rss-restart");
        var settings = new Dictionary<string, string?>
        {
            ["Sources:Rss:Feeds:0:Url"] = FeedUrl,
            ["Sources:Rss:PollIntervalSeconds"] = "10",
            ["Watches:0:Name"] = "voltik",
            ["Watches:0:Query"] = "voltik",
        };
        _feed.DefaultReply = new ApiReply(200, RssWire.Rss(("a1", "Voltik recall", "x", T0), ("a2", "Weather today", "sunny", T0.AddMinutes(-5))), ContentType: "application/rss+xml");
        try
        {
            await using (var server = await SourceServer.StartAsync(settings, store))
            {
                await Until(async () => (await server.ExternalIdsAsync("rss")).Count == 2, "both items stored by the scheduled poll");
                var voltik = await server.Store().SearchAsync(new Core.Storage.MentionFilter(Watch: "voltik"), 10, null, CancellationToken.None);
                Assert.That(voltik.Items.Select(m => m.Post.ExternalId), Is.EqualTo(new[] { "a1" }), "the matcher decides the watches; the other item is stored without");
            }

            _feed.DefaultReply = new ApiReply(200, RssWire.Rss(("a3", "Voltik again", "y", T0.AddMinutes(5)), ("a1", "Voltik recall", "x", T0), ("a2", "Weather today", "sunny", T0.AddMinutes(-5))), ContentType: "application/rss+xml");
            var before = _feed.Requests.Count;
            await using (var restarted = await SourceServer.StartAsync(settings, store))
            {
                await Until(async () => (await restarted.ExternalIdsAsync("rss")).Count == 3, "the new item stored after the restart");
                Assert.That(await restarted.Store().CountAsync(CancellationToken.None), Is.EqualTo(3), "nothing twice");
                Assert.That(_feed.Requests.Count, Is.GreaterThan(before));
                Assert.That(restarted.Services.GetRequiredService<Server.Pipeline.PipelineCounters>().Duplicates, Is.Zero,
                    "items already seen are not even resubmitted");
            }
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }

    internal static Task Until(Func<Task<bool>> condition, string what) => Wait.ForAsync(condition, what, TimeSpan.FromSeconds(30));
}
