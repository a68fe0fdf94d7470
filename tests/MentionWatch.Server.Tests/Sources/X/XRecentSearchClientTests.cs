using System.Net;
using MentionWatch.Server.Sources.X;
using MentionWatch.Server.Tests.Sources.X.Support;
using Polly.CircuitBreaker;

namespace MentionWatch.Server.Tests.Sources.X;

[TestFixture]
public sealed class XRecentSearchClientTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task SearchAsync_ThreePages_FollowsNextTokenAndMapsEveryTweet()
    {
        await using var h = await XClientHarness.StartAsync();
        var acme = XWire.User("100", "AcmeCorp", "Acme Corp", 52_000);
        var olga = XWire.User("200", "olga_k", "Ольга", 310);
        h.Server
            .ReplyOk(XWire.Page([XWire.Tweet("1009", "Love the new @AcmeCorp app", "200", T0.AddMinutes(9)),
                                 XWire.Tweet("1008", "RT @AcmeCorp: launch day", "200", T0.AddMinutes(8), retweetOf: "900")],
                                [olga, acme], nextToken: "tok-2"))
            .ReplyOk(XWire.Page([XWire.Tweet("1005", "@olga_k thanks, fixed!", "100", T0.AddMinutes(5), replyTo: "1004", replyToUserId: "200")],
                                [acme], nextToken: "tok-3"))
            .ReplyOk(XWire.Page([XWire.Tweet("1001", "Acme опять не работает", "200", T0.AddMinutes(1), lang: "ru")], [olga]));

        var result = await h.Client.SearchAsync("acme", sinceId: "990", resumeToken: null, CancellationToken.None);

        Assert.That(result.Posts.Select(p => p.ExternalId), Is.EqualTo(new[] { "1009", "1008", "1005", "1001" }));
        Assert.That(result.Pages, Is.EqualTo(3));
        Assert.That(result.NewestId, Is.EqualTo("1009"), "newest_id comes from the first page");
        Assert.That(result.NextToken, Is.Null);
        var requests = h.Server.Requests;
        Assert.That(requests.Select(r => r.Query.GetValueOrDefault("next_token")), Is.EqualTo(new[] { null, "tok-2", "tok-3" }));
        Assert.That(requests.Select(r => r.Query["since_id"]), Is.All.EqualTo("990"));

        var first = result.Posts[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Source, Is.EqualTo("x"));
            Assert.That(first.Url, Is.EqualTo("https://x.com/olga_k/status/1009"));
            Assert.That(first.Author, Is.EqualTo(new MentionWatch.Core.Domain.Author("200", "olga_k", "Ольга", 310)));
            Assert.That(first.CreatedAt, Is.EqualTo(T0.AddMinutes(9)));
            Assert.That(first.Lang, Is.EqualTo("en"));
            Assert.That(result.Posts[1].RepostOf, Is.EqualTo("900"));
            Assert.That(result.Posts[2].InReplyTo, Is.EqualTo("1004"));
            Assert.That(result.Posts[2].Author.Followers, Is.EqualTo(52_000));
            Assert.That(result.Posts[3].Lang, Is.EqualTo("ru"));
            Assert.That(result.Posts[3].Text, Is.EqualTo("Acme опять не работает"));
        });
    }

    [Test]
    public async Task SearchAsync_MorePagesThanCap_StopsAndReturnsNextToken()
    {
        await using var h = await XClientHarness.StartAsync(new Dictionary<string, string?> { ["Sources:X:MaxPagesPerRun"] = "2" });
        var user = XWire.User("1", "a", "A", 1);
        h.Server
            .ReplyOk(XWire.Page([XWire.Tweet("30", "acme 30", "1", T0)], [user], nextToken: "p2"))
            .ReplyOk(XWire.Page([XWire.Tweet("20", "acme 20", "1", T0)], [user], nextToken: "p3"));

        var result = await h.Client.SearchAsync("acme", null, null, CancellationToken.None);

        Assert.That(result.Pages, Is.EqualTo(2));
        Assert.That(result.NextToken, Is.EqualTo("p3"));
        Assert.That(h.Server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GetPageAsync_AnyRequest_SendsBearerTokenAndDocumentedParameters()
    {
        await using var h = await XClientHarness.StartAsync(new Dictionary<string, string?> { ["Sources:X:MaxResults"] = "50" });
        h.Server.ReplyOk(XWire.Empty());

        await h.Client.GetPageAsync("(acme OR \"acme corp\") -from:AcmeCorp lang:ru", "123", null, CancellationToken.None);

        var request = h.Server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/2/tweets/search/recent"));
            Assert.That(request.Authorization, Is.EqualTo("Bearer " + XClientHarness.BearerToken));
            Assert.That(request.Query["query"], Is.EqualTo("(acme OR \"acme corp\") -from:AcmeCorp lang:ru"));
            Assert.That(request.Query["max_results"], Is.EqualTo("50"));
            Assert.That(request.Query["since_id"], Is.EqualTo("123"));
            Assert.That(request.Query["expansions"], Is.EqualTo("author_id"));
            Assert.That(request.Query["tweet.fields"].Split(','), Is.SupersetOf(new[] { "created_at", "lang", "author_id", "conversation_id", "referenced_tweets", "in_reply_to_user_id", "public_metrics" }));
            Assert.That(request.Query["user.fields"].Split(','), Is.SupersetOf(new[] { "username", "name", "public_metrics" }));
            Assert.That(request.Query.ContainsKey("next_token"), Is.False);
        });
    }

    [Test]
    public async Task GetPageAsync_429WithRateLimitReset_WaitsUntilResetThenSucceeds()
    {
        await using var h = await XClientHarness.StartAsync();
        var reset = XClientHarness.Start.AddSeconds(42);
        h.Server
            .Reply(429, XWire.Problem("Too Many Requests", "Too Many Requests", "about:blank", 429), XWire.RateLimitHeaders(0, reset))
            .ReplyOk(XWire.Page([XWire.Tweet("7", "acme", "1", T0)], [XWire.User("1", "a", "A", 1)]));

        var page = await h.Client.GetPageAsync("acme", null, null, CancellationToken.None);

        Assert.That(page.Posts, Has.Count.EqualTo(1));
        Assert.That(h.Server.Requests, Has.Count.EqualTo(2));
        // Waited from "now" until the reset second has passed: 42 s plus one second for the header's resolution.
        Assert.That(h.Time.FastForwarded, Is.EqualTo(new[] { TimeSpan.FromSeconds(43) }));
    }

    [Test]
    public async Task GetPageAsync_429ResettingLaterThanCap_FailsAtOnceNamingTheReset()
    {
        await using var h = await XClientHarness.StartAsync();
        var reset = XClientHarness.Start.AddMinutes(14);
        h.Server.Reply(429, XWire.Problem("Too Many Requests", "Too Many Requests", "about:blank", 429), XWire.RateLimitHeaders(0, reset));

        var ex = Assert.ThrowsAsync<XApiException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(ex.Message, Does.Contain("429").And.Contain("rate limit resets at " + reset.ToString("O")));
        Assert.That(h.Server.Requests, Has.Count.EqualTo(1));
        Assert.That(h.Time.FastForwarded, Is.Empty);
    }

    [Test]
    public async Task GetPageAsync_503ThenSuccess_RetriesWithBackoff()
    {
        await using var h = await XClientHarness.StartAsync();
        h.Server
            .Reply(503, XWire.Problem("Service Unavailable", "Service Unavailable", "about:blank", 503))
            .ReplyOk(XWire.Page([XWire.Tweet("7", "acme", "1", T0)], [XWire.User("1", "a", "A", 1)]));

        var page = await h.Client.GetPageAsync("acme", null, null, CancellationToken.None);

        Assert.That(page.Posts.Single().ExternalId, Is.EqualTo("7"));
        Assert.That(h.Server.Requests, Has.Count.EqualTo(2));
        Assert.That(h.Time.FastForwarded, Has.Count.EqualTo(1));
        Assert.That(h.Time.FastForwarded[0], Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromSeconds(3)), "jittered first backoff around the 1 s base");
    }

    [Test]
    public async Task GetPageAsync_503OnEveryAttempt_ThrowsAfterRetriesWithTheProblemTitle()
    {
        await using var h = await XClientHarness.StartAsync(new Dictionary<string, string?> { ["Sources:X:MaxRetries"] = "2" });
        for (var i = 0; i < 3; i++)
        {
            h.Server.Reply(503, XWire.Problem("Service Unavailable", "The service is overloaded", "about:blank", 503));
        }

        var ex = Assert.ThrowsAsync<XApiException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("503").And.Contain("Service Unavailable").And.Contain("The service is overloaded"));
        Assert.That(h.Server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task GetPageAsync_RepeatedFailures_OpenTheCircuitAndLaterCallsFailFast()
    {
        await using var h = await XClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Sources:X:MaxRetries"] = "1",
            ["Sources:X:CircuitBreakerMinimumThroughput"] = "2",
        });
        h.Server.Reply(500, "{}").Reply(500, "{}");

        Assert.ThrowsAsync<XApiException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));
        Assert.ThrowsAsync<BrokenCircuitException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));

        Assert.That(h.Server.Requests, Has.Count.EqualTo(2), "an open circuit sends nothing");
    }

    [Test]
    public async Task GetPageAsync_MalformedJson_ThrowsSayingTheBodyIsNotJson()
    {
        await using var h = await XClientHarness.StartAsync();
        h.Server.ReplyOk("{\"data\":[{\"id\":\"1\",\"text\":\"acme\"");

        var ex = Assert.ThrowsAsync<XApiException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("not valid JSON"));
        Assert.That(ex.StatusCode, Is.Null);
    }

    [Test]
    public async Task GetPageAsync_BadTweetsInPage_SkipsThemLoggingTheirIdsAndKeepsTheRest()
    {
        await using var h = await XClientHarness.StartAsync();
        var user = XWire.User("1", "a", "A", 1);
        var badDate = XWire.Tweet("502", "acme", "1", T0);
        badDate["created_at"] = "yesterday";
        var noAuthor = XWire.Tweet("503", "acme", "999", T0);
        var wrongType = XWire.Tweet("504", "acme", "1", T0);
        wrongType["referenced_tweets"] = 17;
        h.Server.ReplyOk(XWire.Page([XWire.Tweet("505", "good acme", "1", T0), badDate, noAuthor, wrongType, XWire.Tweet("501", "also good", "1", T0)], [user]));

        var page = await h.Client.GetPageAsync("acme", null, null, CancellationToken.None);

        Assert.That(page.Posts.Select(p => p.ExternalId), Is.EqualTo(new[] { "505", "501" }));
        Assert.That(page.Skipped, Is.EqualTo(3));
        var skips = h.Logs.Lines.Where(l => l.Contains("skipped")).ToList();
        Assert.That(skips, Has.Some.Contain("502"));
        Assert.That(skips, Has.Some.Contain("503").And.Some.Contain("999"));
        Assert.That(skips, Has.Some.Contain("504"));
    }

    [Test]
    public async Task GetPageAsync_EmptyResult_ReturnsNoPostsAndNoNewestId()
    {
        await using var h = await XClientHarness.StartAsync();
        h.Server.ReplyOk(XWire.Empty());

        var page = await h.Client.GetPageAsync("acme", "5", null, CancellationToken.None);

        Assert.That(page.Posts, Is.Empty);
        Assert.That(page.ResultCount, Is.Zero);
        Assert.That(page.NewestId, Is.Null);
        Assert.That(page.NextToken, Is.Null);
    }

    [Test]
    public async Task GetPageAsync_401_MessageNamesTheProblemAndSettingButNeverTheToken()
    {
        await using var h = await XClientHarness.StartAsync();
        h.Server.Reply(401, XWire.Problem("Unauthorized", "Unauthorized", "about:blank", 401));

        var ex = Assert.ThrowsAsync<XApiException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("401").And.Contain("Unauthorized").And.Contain("Sources:X:BearerToken"));
        Assert.That(ex.Message, Does.Not.Contain(XClientHarness.BearerToken));
        Assert.That(h.Logs.Lines, Has.None.Contain(XClientHarness.BearerToken));
        Assert.That(h.Server.Requests, Has.Count.EqualTo(1), "401 is not retried");
    }
    [Test]
    public async Task GetPageAsync_ServerUnreachable_RetriesThenFailsWithTheNetworkError()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var h = await XClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Sources:X:BaseUrl"] = $"http://127.0.0.1:{closedPort}",
            ["Sources:X:MaxRetries"] = "2",
        });

        Assert.ThrowsAsync<HttpRequestException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));

        Assert.That(h.Time.FastForwarded, Has.Count.EqualTo(2), "two backoff waits before giving up");
    }

    [Test]
    public async Task GetPageAsync_EveryAttemptTimesOut_RetriesThenFailsWithTimeout()
    {
        // With a 1 s attempt timeout below the fake clock's auto-fire threshold, each attempt's timeout fires at once.
        await using var h = await XClientHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Sources:X:AttemptTimeoutSeconds"] = "1",
            ["Sources:X:MaxRetries"] = "2",
        });
        h.Server.DefaultReply = new XReply(200, XWire.Empty(), Delay: TimeSpan.FromSeconds(30));

        Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => h.Client.GetPageAsync("acme", null, null, CancellationToken.None));

        Assert.That(h.Time.FastForwarded.Count(d => d == TimeSpan.FromSeconds(1)), Is.EqualTo(3), "three attempts, each cut by its timeout");
    }
}
