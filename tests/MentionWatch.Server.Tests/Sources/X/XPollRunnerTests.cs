using MentionWatch.Server.Tests.Support;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.X;
using MentionWatch.Server.Tests.Sources.X.Support;

namespace MentionWatch.Server.Tests.Sources.X;

/// <summary>
/// One poll of one watch against the fake X server, inside the real service: the real pipeline classifies and
/// stores the posts, and the SQLite store keeps the cursor with them. The clock is fake, so retries take no time.
/// </summary>
[TestFixture]
public sealed class XPollRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly System.Text.Json.Nodes.JsonObject Olga = XWire.User("200", "olga_k", "Olga K", 310);

    private FakeXServer _x = null!;
    private XServerHarness _h = null!;

    
    private IMentionStore Store => _h.Store;
    private SourceStatus XStatus => _h.XStatus!;

    private async Task StartAsync(Dictionary<string, string?>? settings = null)
    {
        _x = await FakeXServer.StartAsync();
        _h = await XServerHarness.StartAsync(_x, settings, new FastForwardingTimeProvider(XClientHarness.Start));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _h.DisposeAsync();
        await _x.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_SeveralPages_StoresEveryPostWithNewestIdAsCursorInOneSubmission()
    {
        await StartAsync();
        _x
            .ReplyOk(XWire.Page([XWire.Tweet("1009", "acme rocks", "200", T0.AddMinutes(9)), XWire.Tweet("1008", "acme again", "200", T0.AddMinutes(8))], [Olga], "p2"))
            .ReplyOk(XWire.Page([XWire.Tweet("1003", "acme old", "200", T0.AddMinutes(3))], [Olga]));

        var outcome = await _h.PollAsync("acme", "acme", CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
        Assert.That(outcome.Accepted, Is.EqualTo(3));
        var stored = await Store.SearchAsync(new MentionFilter(Source: "x"), 10, null, CancellationToken.None);
        Assert.That(stored.Items.Select(m => m.Post.ExternalId), Is.EqualTo(new[] { "1009", "1008", "1003" }));
        Assert.That(stored.Items[0].Post.Url, Is.EqualTo("https://x.com/olga_k/status/1009"));
        Assert.That(stored.Items[0].Sentiment.Label, Is.Not.Empty, "classified by the real pipeline");
        Assert.That(await Store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("1009"));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(3));
        Assert.That(XStatus.State, Is.EqualTo(SourceState.Ok));
        Assert.That(XStatus.PostsFetched, Is.EqualTo(3));
        var expectedLag = DateTimeOffset.UtcNow - T0.AddMinutes(9);
        Assert.That(XStatus.Lag, Is.EqualTo(expectedLag).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task RunAsync_NextRun_SendsTheStoredSinceId()
    {
        await StartAsync();
        _x
            .ReplyOk(XWire.Page([XWire.Tweet("1009", "acme rocks", "200", T0)], [Olga]))
            .ReplyOk(XWire.Page([XWire.Tweet("1020", "acme news", "200", T0.AddMinutes(20))], [Olga]))
            .ReplyOk(XWire.Empty());

        await _h.PollAsync("acme", "acme", CancellationToken.None);
        await _h.PollAsync("acme", "acme", CancellationToken.None);
        var third = await _h.PollAsync("acme", "acme", CancellationToken.None);

        var sinceIds = _x.Requests.Select(r => r.Query.GetValueOrDefault("since_id")).ToList();
        Assert.That(sinceIds, Is.EqualTo(new[] { null, "1009", "1020" }));
        Assert.That(third.Succeeded, Is.True);
        Assert.That(third.Fetched, Is.Zero);
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(2));
        Assert.That(await Store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("1020"));
    }

    [Test]
    public async Task RunAsync_WatchesHaveSeparateCursors()
    {
        await StartAsync();
        _x
            .ReplyOk(XWire.Page([XWire.Tweet("50", "acme", "200", T0)], [Olga]))
            .ReplyOk(XWire.Page([XWire.Tweet("60", "globex", "200", T0)], [Olga]));

        await _h.PollAsync("acme", "acme", CancellationToken.None);
        await _h.PollAsync("globex", "globex", CancellationToken.None);

        Assert.That(await Store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("50"));
        Assert.That(await Store.GetCursorAsync("x:globex", CancellationToken.None), Is.EqualTo("60"));
    }

    [Test]
    public async Task RunAsync_PageCapReached_FinishesTheSweepBeforeMovingSinceId()
    {
        await StartAsync(new Dictionary<string, string?> { ["Sources:X:MaxPagesPerRun"] = "1" });
        _x
            .ReplyOk(XWire.Page([XWire.Tweet("30", "acme 30", "200", T0)], [Olga], "p2"))
            .ReplyOk(XWire.Page([XWire.Tweet("20", "acme 20", "200", T0)], [Olga]))
            .ReplyOk(XWire.Empty());

        await _h.PollAsync("acme", "acme", CancellationToken.None);
        var midway = await Store.GetCursorAsync("x:acme", CancellationToken.None);
        await _h.PollAsync("acme", "acme", CancellationToken.None);
        await _h.PollAsync("acme", "acme", CancellationToken.None);

        Assert.That(midway, Does.Contain("\"nextToken\":\"p2\"").And.Contain("\"sweepNewestId\":\"30\""));
        var requests = _x.Requests;
        Assert.That(requests[1].Query.GetValueOrDefault("next_token"), Is.EqualTo("p2"));
        Assert.That(requests[1].Query.ContainsKey("since_id"), Is.False, "the unfinished sweep keeps its original since_id");
        Assert.That(requests[2].Query["since_id"], Is.EqualTo("30"));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_XUnavailable_ReportsTheErrorKeepsTheCursorAndTheNextRunRecovers()
    {
        await StartAsync(new Dictionary<string, string?> { ["Sources:X:MaxRetries"] = "1" });
        _x
            .ReplyOk(XWire.Page([XWire.Tweet("10", "acme", "200", T0)], [Olga]))
            .Reply(503, XWire.Problem("Service Unavailable", "down", "about:blank", 503))
            .Reply(503, XWire.Problem("Service Unavailable", "down", "about:blank", 503))
            .ReplyOk(XWire.Page([XWire.Tweet("11", "acme", "200", T0)], [Olga]));

        await _h.PollAsync("acme", "acme", CancellationToken.None);
        var failed = await _h.PollAsync("acme", "acme", CancellationToken.None);
        var statusAfterFailure = XStatus;
        var cursorAfterFailure = await Store.GetCursorAsync("x:acme", CancellationToken.None);
        var recovered = await _h.PollAsync("acme", "acme", CancellationToken.None);

        Assert.That(failed.Succeeded, Is.False);
        Assert.That(failed.Error, Does.Contain("watch 'acme'").And.Contain("503"));
        Assert.That(statusAfterFailure.State, Is.EqualTo(SourceState.Failing));
        Assert.That(statusAfterFailure.LastError, Does.Contain("503"));
        Assert.That(cursorAfterFailure, Is.EqualTo("10"));
        Assert.That(recovered.Succeeded, Is.True);
        Assert.That(_x.Requests[^1].Query["since_id"], Is.EqualTo("10"));
        Assert.That(XStatus.State, Is.EqualTo(SourceState.Ok));
    }

    [Test]
    public async Task RunAsync_CircuitOpen_ReportsCircuitOpenState()
    {
        await StartAsync(new Dictionary<string, string?> { ["Sources:X:MaxRetries"] = "1", ["Sources:X:CircuitBreakerMinimumThroughput"] = "2" });
        _x.Reply(500, "{}").Reply(500, "{}");

        await _h.PollAsync("acme", "acme", CancellationToken.None);
        var blocked = await _h.PollAsync("acme", "acme", CancellationToken.None);

        Assert.That(blocked.Succeeded, Is.False);
        Assert.That(XStatus.State, Is.EqualTo(SourceState.Failing));
        Assert.That(XStatus.LastError, Does.Contain("circuit is open"));
        Assert.That(_x.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_MalformedJson_FailsThisRunOnlyAndKeepsTheCursor()
    {
        await StartAsync();
        _x
            .ReplyOk(XWire.Page([XWire.Tweet("10", "acme", "200", T0)], [Olga]))
            .ReplyOk("<html>upstream error</html>")
            .ReplyOk(XWire.Page([XWire.Tweet("12", "acme", "200", T0)], [Olga]));

        await _h.PollAsync("acme", "acme", CancellationToken.None);
        var broken = await _h.PollAsync("acme", "acme", CancellationToken.None);
        var next = await _h.PollAsync("acme", "acme", CancellationToken.None);

        Assert.That(broken.Succeeded, Is.False);
        Assert.That(broken.Error, Does.Contain("not valid JSON"));
        Assert.That(next.Succeeded, Is.True);
        Assert.That(_x.Requests[2].Query["since_id"], Is.EqualTo("10"));
        Assert.That(await Store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("12"));
    }

    [Test]
    public async Task RunAsync_SameTweetsAgain_AreStoredOnce()
    {
        await StartAsync();
        var page = XWire.Page([XWire.Tweet("10", "acme", "200", T0)], [Olga]);
        _x.ReplyOk(page).ReplyOk(page);

        await _h.PollAsync("acme", "acme", CancellationToken.None);
        var again = await _h.PollAsync("other", "acme", CancellationToken.None);

        Assert.That(again.Duplicates, Is.EqualTo(1));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(1));
    }
}
