using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;
using FakeTimeProvider = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace MentionWatch.Server.Tests.Alerting;

/// <summary>
/// Grouping, throttled updates, acknowledgement, escalation and quiet hours on the real server, with the engine's
/// clock a <see cref="FakeTimeProvider"/> so time moves only when a test says so.
/// </summary>
[TestFixture]
public sealed class AlertEngineTests
{
    private static async Task<(TestServer Server, FakeTimeProvider Time)> StartAsync(params IDictionary<string, string?>[] settings)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await TestServer.StartAsync(AlertSettings.Merge([AlertSettings.AcmeWatch(), .. settings]),
            configureServices: services => services.AddSingleton<TimeProvider>(time));
        return (server, time);
    }

    /// <summary>
    /// Moves the fake clock only once the outbox is empty: a request in flight while the clock jumps would see its
    /// per-attempt timeout fire although the receiver answered.
    /// </summary>
    private static async Task AdvanceWhenSettledAsync(TestServer server, FakeTimeProvider time, TimeSpan by)
    {
        var store = server.Services.GetRequiredService<MentionWatch.Core.Storage.IAlertStore>();
        await Wait.ForAsync(async () => (await store.PendingDeliveriesAsync(CancellationToken.None)).Count == 0, "no delivery pending", TimeSpan.FromSeconds(30));
        time.Advance(by);
    }

    /// <summary>
    /// Evaluation runs after the ingest answer (the alert sink follows the store), so a test reads alerts once they have
    /// caught up; returns the page's items.
    /// </summary>
    private static async Task<JsonNode> WaitForAlertsAsync(TestServer server, string path, Func<JsonArray, bool> done)
    {
        return await Wait.ForValueAsync(async () => (await server.Viewer.GetJsonAsync(path))["items"]!.AsArray(), done, $"the alerts at {path} to catch up", TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task GroupByWatch_BurstOf50_OnePageThatGrowsOncePerInterval()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (server, time) = await StartAsync(AlertSettings.Webhook("oncall", receiver.Url),
            AlertSettings.KeywordRule("burst", "broken", "watch", "oncall"),
            new Dictionary<string, string?> { ["Alerts:Rules:burst:UpdateIntervalSeconds"] = "60", ["Alerts:Rules:burst:EscalateBurst"] = "1000" });
        await using var _ = server;

        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme app is broken again")));
        await receiver.WaitAcceptedCountAsync(1);
        for (var batch = 0; batch < 7; batch++)
            await server.Analyst.IngestOkAsync(Some.Array(Enumerable.Range(0, 7).Select(i => (JsonNode)Some.Post($"acme broken {batch}-{i}")).ToArray()));

        var alerts = await WaitForAlertsAsync(server, "/api/v1/alerts?rule=burst", a => a.Sum(x => (int)x!["count"]!) == 50);
        Assert.That(alerts.AsArray(), Has.Count.EqualTo(1), "50 complaints are one alert");
        Assert.That(receiver.Arrivals, Has.Count.EqualTo(1), "no update before the interval");

        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromSeconds(61));
        var arrivals = await receiver.WaitAcceptedCountAsync(2);
        var update = arrivals[1];
        Assert.That(update.Type, Is.EqualTo("alert.updated"));
        Assert.That((int)update.Body["alert"]!["count"]!, Is.EqualTo(50));
        Assert.That(update.Body["alert"]!["mentions"]!.AsArray(), Has.Count.EqualTo(5), "the newest texts ride along");

        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromSeconds(61));
        var id = (long)update.Body["alert"]!["id"]!;
        using (var resolve = await server.Analyst.PostAsync($"/api/v1/alerts/{id}/resolve", null))
            Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        arrivals = await receiver.WaitAcceptedCountAsync(3);
        Assert.That(arrivals.Select(a => a.Type), Is.EqualTo(new[] { "alert.triggered", "alert.updated", "alert.resolved" }),
            "nothing new arrived, so the second interval sent no update");
    }

    [Test]
    public async Task GroupByAuthor_SecondPostAfterRealertWindow_PagesAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (server, _) = await StartAsync(AlertSettings.Webhook("oncall", receiver.Url),
            AlertSettings.KeywordRule("byauthor", "refund", "author", "oncall"),
            new Dictionary<string, string?> { ["Alerts:Rules:byauthor:RealertSeconds"] = "600" });
        await using var _ = server;
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-50);
        await server.Analyst.IngestOkAsync(Some.Array(
            Some.Post("acme refund please", handle: "bob", createdAt: t0),
            Some.Post("acme refund, still waiting", handle: "bob", createdAt: t0.AddMinutes(5)),
            Some.Post("acme refund? anyone?", handle: "bob", createdAt: t0.AddMinutes(30)),
            Some.Post("acme refund for me too", handle: "carol", createdAt: t0.AddMinutes(31))));

        await receiver.WaitAcceptedCountAsync(3);
        var alerts = (await WaitForAlertsAsync(server, "/api/v1/alerts?rule=byauthor", items => items.Sum(a => (int)a!["count"]!) == 4)).AsArray();
        Assert.That(alerts.Select(a => ((string?)a!["mentions"]![0]!["author"]!["handle"], (int)a["count"]!)),
            Is.EquivalentTo(new[] { ("bob", 2), ("bob", 1), ("carol", 1) }), "bob's third post came 25 min after his last: outside the 10 min window");
    }

    [Test]
    public async Task AcknowledgeThenResolve_ReachPagerDutyWithTheSameDedupKey()
    {
        await using var pagerDuty = await WebhookReceiver.StartAsync(acceptStatus: 202);
        var (server, _) = await StartAsync(
            new Dictionary<string, string?>
            {
                ["Alerts:AllowPrivateTargets"] = "true",
                ["Alerts:Notifiers:pd:Type"] = "pagerduty",
                ["Alerts:Notifiers:pd:RoutingKey"] = "R0UT1NGKEY0123456789abcdefABCDEF",
                ["Alerts:Notifiers:pd:BaseUrl"] = new Uri(pagerDuty.Url, "/").ToString(),
            },
            AlertSettings.KeywordRule("pd", "outage", "none", "pd"));
        await using var _ = server;

        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme outage, nothing loads")));
        var trigger = (await pagerDuty.WaitAcceptedCountAsync(1)).Single();
        Assert.That(trigger.Type, Is.EqualTo("trigger"));
        var id = (long)(await server.Viewer.GetJsonAsync("/api/v1/alerts"))["items"]![0]!["id"]!;

        using (var viewerTry = await server.Viewer.PostAsync($"/api/v1/alerts/{id}/acknowledge", null))
            Assert.That(viewerTry.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "viewers read; analysts acknowledge");
        using (var ack = await server.Analyst.PostAsync($"/api/v1/alerts/{id}/acknowledge", null))
            Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await pagerDuty.WaitAcceptedAsync(a => a.Count >= 2);
        using (var resolve = await server.Analyst.PostAsync($"/api/v1/alerts/{id}/resolve", null))
            Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var events = await pagerDuty.WaitAcceptedAsync(a => a.Count >= 3);

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "trigger", "acknowledge", "resolve" }));
        Assert.That(events.Select(e => (string?)e.Body["dedup_key"]).Distinct().Count(), Is.EqualTo(1), "one incident from trigger to resolve");
        var alert = await server.Viewer.GetJsonAsync($"/api/v1/alerts/{id}");
        Assert.That((string?)alert["alert"]!["state"], Is.EqualTo("resolved"));
        using var ackResolved = await server.Analyst.PostAsync($"/api/v1/alerts/{id}/acknowledge", null);
        await ackResolved.AssertProblemAsync(HttpStatusCode.Conflict, "resolved");
    }

    [Test]
    public async Task NotAcknowledgedWithinMinutes_EscalatesToTheNextNotifier_AcknowledgedDoesNot()
    {
        await using var first = await WebhookReceiver.StartAsync();
        await using var next = await WebhookReceiver.StartAsync();
        var (server, time) = await StartAsync(AlertSettings.Webhook("first", first.Url), AlertSettings.Webhook("next", next.Url),
            AlertSettings.KeywordRule("esc", "outage", "none", "first"),
            new Dictionary<string, string?> { ["Alerts:Rules:esc:EscalateAfterMinutes"] = "10", ["Alerts:Rules:esc:EscalateTo:0"] = "next" });
        await using var _ = server;

        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme outage one")));
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme outage two")));
        await first.WaitAcceptedCountAsync(2);
        var items = (await server.Viewer.GetJsonAsync("/api/v1/alerts"))["items"]!.AsArray();
        var acknowledged = items.Single(a => ((string?)a!["mentions"]![0]!["text"])!.EndsWith("two"))!;
        using (var ack = await server.Analyst.PostAsync($"/api/v1/alerts/{(long)acknowledged["id"]!}/acknowledge", null))
            Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromMinutes(9));
        await first.WaitAcceptedCountAsync(3); // the acknowledgement
        Assert.That(next.Arrivals, Is.Empty, "not yet: 9 of 10 minutes");
        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromMinutes(1.5));
        var escalated = (await next.WaitAcceptedCountAsync(1)).Single();
        Assert.That(escalated.Type, Is.EqualTo("alert.escalated"));
        Assert.That((string?)escalated.Body["alert"]!["mentions"]![0]!["text"], Does.EndWith("one"));
        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromMinutes(30));
        using (var resolve = await server.Analyst.PostAsync($"/api/v1/alerts/{(long)acknowledged["id"]!}/resolve", null)) { }
        await first.WaitAcceptedCountAsync(4);
        Assert.That(next.Arrivals, Has.Count.EqualTo(1), "the acknowledged alert never escalated");
    }

    [Test]
    public async Task QuietHours_PageGoesToTheQuietNotifierInstead()
    {
        await using var pager = await WebhookReceiver.StartAsync();
        await using var mail = await WebhookReceiver.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var (server, _) = await StartAsync(AlertSettings.Webhook("pager", pager.Url), AlertSettings.Webhook("mail", mail.Url),
            AlertSettings.KeywordRule("night", "outage", "none", "pager"),
            new Dictionary<string, string?>
            {
                ["Alerts:Rules:night:QuietHours:TimeZone"] = "Etc/UTC",
                ["Alerts:Rules:night:QuietHours:Start"] = now.AddHours(-1).ToString("HH:mm"),
                ["Alerts:Rules:night:QuietHours:End"] = now.AddHours(1).ToString("HH:mm"),
                ["Alerts:Rules:night:QuietHours:Notify:0"] = "mail",
            });
        await using var _ = server;
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme outage at night")));
        await mail.WaitAcceptedCountAsync(1);
        var alert = (await server.Viewer.GetJsonAsync("/api/v1/alerts"))["items"]![0]!;
        var detail = await server.Viewer.GetJsonAsync($"/api/v1/alerts/{(long)alert["id"]!}");
        Assert.That(detail["deliveries"]!.AsArray().Select(d => (string?)d!["notifier"]), Is.EqualTo(new[] { "mail" }));
        Assert.That(pager.Arrivals, Is.Empty);
    }
    [Test]
    public async Task GroupState_SurvivesARestart_NextPostJoinsTheOpenAlert()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var store = TempDirectory.Create("alert-restart");
        var settings = AlertSettings.Merge(AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url),
            AlertSettings.KeywordRule("grouped", "broken", "watch", "oncall"));
        await using (var first = await TestServer.StartAsync(settings, store))
        {
            await first.Analyst.IngestOkAsync(Some.Array(Some.Post("acme broken checkout")));
            await receiver.WaitAcceptedCountAsync(1);
        }
        await using (var second = await TestServer.StartAsync(settings, store))
        {
            await second.Analyst.IngestOkAsync(Some.Array(Some.Post("acme broken login")));
            var items = (await WaitForAlertsAsync(second, "/api/v1/alerts", a => a.Sum(x => (int)x!["count"]!) >= 2)).AsArray();
            Assert.That(items, Has.Count.EqualTo(1), "the open group came back from the store");
            Assert.That((int)items[0]!["count"]!, Is.EqualTo(2));
        }
        TempDirectory.Delete(store);
    }

    [Test]
    public async Task ReceiverNeverAccepts_DeliveryDeadLetteredAfterItsAgeAndVisible()
    {
        await using var receiver = await WebhookReceiver.StartAsync(ReceiverMode.Fail503);
        var (server, time) = await StartAsync(AlertSettings.Webhook("oncall", receiver.Url),
            AlertSettings.KeywordRule("dead", "outage", "none", "oncall"),
            new Dictionary<string, string?> { ["Alerts:DeadLetterAfterMinutes"] = "60" });
        await using var _ = server;
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme outage for hours")));
        var dead = await Wait.ForValueAsync(async () =>
        {
            // Each jump lets the next Polly backoff elapse on the fake clock, so the retries march toward the age limit.
            time.Advance(TimeSpan.FromMinutes(7));
            return (await server.Viewer.GetJsonAsync("/api/v1/alert-deliveries?state=dead")).AsArray();
        }, d => d.Count > 0, "the delivery dead-lettered", TimeSpan.FromSeconds(30));
        Assert.That((string?)dead[0]!["lastError"], Does.Contain("60 minutes"));
        Assert.That(receiver.Arrivals.Count, Is.GreaterThan(1), "it was retried before giving up");
        Assert.That(receiver.Accepted, Is.Empty);
    }

    [Test]
    public async Task LargeReachAuthor_RaisesSeverity_AndACriticalRouteAddsItsNotifier()
    {
        await using var team = await WebhookReceiver.StartAsync();
        await using var pager = await WebhookReceiver.StartAsync();
        var (server, _) = await StartAsync(AlertSettings.Webhook("team", team.Url), AlertSettings.Webhook("pager", pager.Url),
            AlertSettings.KeywordRule("reach", "outage", "none", "team"),
            new Dictionary<string, string?>
            {
                ["Alerts:Rules:reach:Severity"] = "warning",
                ["Alerts:Rules:reach:EscalateFollowers"] = "10000",
                ["Alerts:Routes:critical:MinSeverity"] = "critical",
                ["Alerts:Routes:critical:Notify:0"] = "pager",
            });
        await using var _ = server;
        var famous = Some.Post("acme outage, 40 minutes and counting");
        famous["author"]!["followers"] = 250_000;
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme outage here too"), famous));

        var teamPages = await team.WaitAcceptedCountAsync(2);
        var pagerPage = (await pager.WaitAcceptedCountAsync(1)).Single();
        Assert.That((string?)pagerPage.Body["alert"]!["severity"], Is.EqualTo("critical"));
        Assert.That((string?)pagerPage.Body["alert"]!["mentions"]![0]!["text"], Does.Contain("40 minutes"));
        Assert.That(teamPages.Select(p => (string?)p.Body["alert"]!["severity"]), Is.EquivalentTo(new[] { "warning", "critical" }));
    }
}
