using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;
using FakeTimeProvider = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace MentionWatch.Server.Tests.Alerting;

/// <summary>The <c>sla</c> rule on the real server with a fake clock: pages at N minutes, not before; a reply before prevents it; a reply after resolves it.</summary>
[TestFixture]
public sealed class SlaAlertTests
{
    private const int SlaMinutes = 30;

    private static async Task<(TestServer Server, FakeTimeProvider Time)> StartAsync(
        WebhookReceiver pagerDuty, string? storePath = null, DateTimeOffset? start = null)
    {
        // Two hours behind the real clock, so posts at fake times are never in the future for anyone.
        var time = new FakeTimeProvider(start ?? DateTimeOffset.UtcNow.AddHours(-2));
        var server = await TestServer.StartAsync(AlertSettings.Merge(AlertSettings.AcmeWatch(), new Dictionary<string, string?>
        {
            ["Alerts:AllowPrivateTargets"] = "true",
            ["Alerts:EvaluationIntervalSeconds"] = "10",
            ["Alerts:Notifiers:pd:Type"] = "pagerduty",
            ["Alerts:Notifiers:pd:RoutingKey"] = "R0UT1NGKEY0123456789abcdefABCDEF",
            ["Alerts:Notifiers:pd:BaseUrl"] = new Uri(pagerDuty.Url, "/").ToString(),
            ["Alerts:Rules:reply-sla:Type"] = "sla",
            ["Alerts:Rules:reply-sla:Watch"] = "acme",
            ["Alerts:Rules:reply-sla:SlaMinutes"] = SlaMinutes.ToString(),
            ["Alerts:Rules:reply-sla:Notify:0"] = "pd",
        }), storePath, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            KeywordClassifier.Use(services);
        });
        return (server, time);
    }

    /// <summary>
    /// Advances in steps of the evaluation interval, so the engine ticks at each, and only while no delivery is in flight:
    /// a request in flight while the clock jumps would see its per-attempt timeout fire.
    /// </summary>
    private static async Task AdvanceWhenSettledAsync(TestServer server, FakeTimeProvider time, TimeSpan by)
    {
        var store = server.Services.GetRequiredService<MentionWatch.Core.Storage.IAlertStore>();
        for (var left = by; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(10))
        {
            await Wait.ForAsync(async () => (await store.PendingDeliveriesAsync(CancellationToken.None)).Count == 0, "no delivery pending", TimeSpan.FromSeconds(30));
            time.Advance(left < TimeSpan.FromSeconds(10) ? left : TimeSpan.FromSeconds(10));
            await Task.Delay(5);
        }
    }

    private static JsonObject Reply(string inReplyTo, DateTimeOffset at) =>
        Some.Post("Sorry about that, we are on it", source: "forum", handle: "acme_support", createdAt: at, inReplyTo: inReplyTo);

    [Test]
    public async Task Sla_PagesAtNMinutesNotBefore_ReplyBeforePreventsIt_ReplyAfterResolvesIt()
    {
        await using var pagerDuty = await WebhookReceiver.StartAsync(acceptStatus: 202);
        var (server, time) = await StartAsync(pagerDuty);
        await using var _ = server;
        var t0 = time.GetUtcNow();
        var late = Some.Id("late");
        var answered = Some.Id("answered");
        await server.Admin.IngestOkAsync(Some.Array(
            Some.Post("acme my order is missing, help", id: late, source: "forum", handle: "kate", createdAt: t0),
            Some.Post("acme app crashes, help", id: answered, source: "forum", handle: "liam", createdAt: t0)));

        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromMinutes(SlaMinutes - 1));
        await server.Admin.IngestOkAsync(Some.Array(Reply(answered, time.GetUtcNow())));
        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromSeconds(50));
        Assert.That(pagerDuty.Arrivals, Is.Empty, "not before 30 minutes");

        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromSeconds(20));
        var trigger = (await pagerDuty.WaitAcceptedCountAsync(1)).Single();
        Assert.That(trigger.Type, Is.EqualTo("trigger"));
        var alerts = (await server.Viewer.GetJsonAsync("/api/v1/alerts?rule=reply-sla"))["items"]!.AsArray();
        Assert.That(alerts, Has.Count.EqualTo(1), "the mention answered at 29 minutes never paged");
        Assert.That((string?)alerts[0]!["mentions"]![0]!["externalId"], Is.EqualTo(late));

        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromMinutes(5));
        await server.Admin.IngestOkAsync(Some.Array(Reply(late, time.GetUtcNow())));
        var events = await pagerDuty.WaitAcceptedAsync(a => a.Count >= 2);
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "trigger", "resolve" }));
        Assert.That(events.Select(e => (string?)e.Body["dedup_key"]).Distinct().Count(), Is.EqualTo(1), "the resolve closes the same incident");
        var alert = await server.Viewer.GetJsonAsync($"/api/v1/alerts/{(long)alerts[0]!["id"]!}");
        Assert.That((string?)alert["alert"]!["state"], Is.EqualTo("resolved"));
    }

    [Test]
    public async Task Sla_ResolvedByHandAfterThePage_ResolvesTheAlert()
    {
        await using var pagerDuty = await WebhookReceiver.StartAsync(acceptStatus: 202);
        var (server, time) = await StartAsync(pagerDuty);
        await using var _ = server;
        var id = Some.Id("byhand");
        await server.Admin.IngestOkAsync(Some.Array(Some.Post("acme please help me", id: id, source: "forum", handle: "mia", createdAt: time.GetUtcNow())));
        await AdvanceWhenSettledAsync(server, time, TimeSpan.FromMinutes(SlaMinutes + 1));
        await pagerDuty.WaitAcceptedCountAsync(1);
        var mentionId = (long)(await server.Viewer.GetJsonAsync("/api/v1/mentions?source=forum"))["items"]![0]!["id"]!;
        using (var resolve = await server.Analyst.PostJsonAsync($"/api/v1/mentions/{mentionId}/triage", """{"state":"resolved","note":"called back"}"""))
            Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var events = await pagerDuty.WaitAcceptedAsync(a => a.Count >= 2);
        Assert.That(events.Select(e => e.Type).ToArray(), Is.EqualTo(new[] { "trigger", "resolve" }), string.Join("\n", events.Select(e => e.RawBody)));
    }

    [Test]
    public async Task Sla_RestartBeforeTheDeadline_StillPagesAfterIt()
    {
        await using var pagerDuty = await WebhookReceiver.StartAsync(acceptStatus: 202);
        var store = TempDirectory.Create("sla-restart");
        var id = Some.Id("restart");
        DateTimeOffset resumeAt;
        var (first, time) = await StartAsync(pagerDuty, store);
        await using (first)
        {
            await first.Admin.IngestOkAsync(Some.Array(Some.Post("acme where is my refund, help", id: id, source: "forum", handle: "noa", createdAt: time.GetUtcNow())));
            await AdvanceWhenSettledAsync(first, time, TimeSpan.FromMinutes(10));
            resumeAt = time.GetUtcNow();
        }
        var (second, later) = await StartAsync(pagerDuty, store, resumeAt);
        await using (second)
        {
            Assert.That(pagerDuty.Arrivals, Is.Empty);
            await AdvanceWhenSettledAsync(second, later, TimeSpan.FromMinutes(SlaMinutes - 10 + 1));
            var trigger = (await pagerDuty.WaitAcceptedCountAsync(1)).Single();
            Assert.That(trigger.Type, Is.EqualTo("trigger"), "the clock of a mention stored before the restart kept running");
        }
        TempDirectory.Delete(store);
    }
}
