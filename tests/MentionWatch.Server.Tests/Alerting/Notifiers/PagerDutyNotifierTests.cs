using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Tests.Alerting.Notifiers.Support;

namespace MentionWatch.Server.Tests.Alerting.Notifiers;

public sealed class PagerDutyNotifierTests
{
    private const string RoutingKey = "R0UT1NGKEY0123456789abcdefABCDEF";

    private FakeReceiver _pagerDuty = null!;

    [SetUp]
    public async Task StartPagerDuty() => _pagerDuty = await FakeReceiver.StartAsync();

    [TearDown]
    public async Task StopPagerDuty() => await _pagerDuty.DisposeAsync();

    private NotifierHarness Harness() => NotifierHarness.For(
        "pager", "pagerduty", new Dictionary<string, string?> { ["RoutingKey"] = RoutingKey, ["BaseUrl"] = _pagerDuty.BaseUrl.ToString() });

    [Test]
    public async Task SendAsync_Triggered_EnqueuesTriggerWithPayloadAndLinks()
    {
        using var harness = Harness();
        _pagerDuty.Reply(Wire.PagerDutyAccepted("mentionwatch-alert-17"));
        var alert = SomeAlert.Alert(severity: AlertSeverity.Critical);

        var result = await harness.Notifier("pager").SendAsync(SomeAlert.Notification(alert: alert), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Accepted));
        Assert.That(result.StatusCode, Is.EqualTo(202));
        var request = _pagerDuty.Single;
        var body = JsonNode.Parse(request.Body)!;
        var payload = body["payload"]!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/v2/enqueue"));
            Assert.That((string?)body["routing_key"], Is.EqualTo(RoutingKey));
            Assert.That((string?)body["event_action"], Is.EqualTo("trigger"));
            Assert.That((string?)body["dedup_key"], Is.EqualTo(alert.DedupKey()));
            Assert.That((string?)payload["summary"], Does.Contain("Negative mentions of voltik tripled"));
            Assert.That(((string)payload["summary"]!).Length, Is.LessThanOrEqualTo(1024));
            Assert.That((string?)payload["source"], Is.EqualTo("mentionwatch"));
            Assert.That((string?)payload["severity"], Is.EqualTo("critical"));
            Assert.That(DateTimeOffset.Parse((string)payload["timestamp"]!), Is.EqualTo(NotifierHarness.Start));
            Assert.That((string?)payload["component"], Is.EqualTo("voltik"));
            Assert.That((string?)payload["group"], Is.EqualTo("negative-spike"));
            Assert.That((int?)payload["custom_details"]!["count"], Is.EqualTo(12));
            Assert.That((string?)payload["custom_details"]!["mentions"]![0]!["text"], Is.EqualTo(SomeAlert.RussianText));
            Assert.That(body["links"]!.AsArray().Select(l => (string?)l!["href"]), Is.EqualTo(new[] { "https://x.com/anna/status/1865000000000000001" }));
        });
    }

    [TestCase(AlertEventType.Updated, "trigger")]
    [TestCase(AlertEventType.Escalated, "trigger")]
    [TestCase(AlertEventType.Acknowledged, "acknowledge")]
    [TestCase(AlertEventType.Resolved, "resolve")]
    public async Task SendAsync_LaterEvents_ShareTheDedupKey(AlertEventType type, string action)
    {
        using var harness = Harness();
        _pagerDuty.Reply(Wire.PagerDutyAccepted("mentionwatch-alert-17"));

        await harness.Notifier("pager").SendAsync(SomeAlert.Notification(type), CancellationToken.None);

        var body = JsonNode.Parse(_pagerDuty.Single.Body)!.AsObject();
        Assert.That((string?)body["event_action"], Is.EqualTo(action));
        Assert.That((string?)body["dedup_key"], Is.EqualTo("mentionwatch-alert-17"));
        Assert.That(body.ContainsKey("payload"), Is.EqualTo(action == "trigger"));
    }

    [TestCase(AlertSeverity.Info, "info")]
    [TestCase(AlertSeverity.Warning, "warning")]
    [TestCase(AlertSeverity.Critical, "critical")]
    public void Severity_MapsToPagerDutysSeverities(AlertSeverity severity, string expected) =>
        Assert.That(PagerDutyEvent.Severity(severity), Is.EqualTo(expected));

    [Test]
    public async Task SendAsync_InvalidEvent_IsPermanent()
    {
        using var harness = Harness();
        _pagerDuty.Reply(Wire.PagerDutyInvalid("'payload.summary' is missing or blank"));

        var result = await harness.Notifier("pager").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Permanent), "a 400 is never retried");
        Assert.That(result.StatusCode, Is.EqualTo(400));
        Assert.That(result.Detail, Does.Contain("Event object is invalid"));
    }

    [Test]
    public async Task SendAsync_Throttled_IsTransient()
    {
        using var harness = Harness();
        _pagerDuty.Reply(429, "", headers: Wire.RetryAfter("60"));

        var result = await harness.Notifier("pager").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task SendAsync_ServerError_IsTransient()
    {
        using var harness = Harness();
        _pagerDuty.Reply(503, "");

        var result = await harness.Notifier("pager").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
    }

    [Test]
    public async Task SendAsync_NoAnswer_TimesOutAsTransient()
    {
        using var harness = Harness();
        _pagerDuty.Reply(ReceiverReply.NoAnswer);

        var result = await harness.SendAndTimeOutAsync(harness.Notifier("pager"), _pagerDuty.FirstRequest, TimeSpan.FromSeconds(10));

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
    }

    [Test]
    public async Task SendAsync_ErrorEchoesTheRoutingKey_DetailIsScrubbed()
    {
        using var harness = Harness();
        _pagerDuty.Reply(400, $"{{\"status\":\"invalid event\",\"message\":\"unknown routing key {RoutingKey}\"}}");

        var result = await harness.Notifier("pager").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Detail, Does.Not.Contain(RoutingKey));
    }

    [Test]
    public void Describe_RoutingKey_IsMasked()
    {
        using var harness = Harness();

        var described = harness.Notifier("pager").Describe();

        Assert.That(described["routingKey"], Is.EqualTo("********"));
        Assert.That(string.Join(" ", described.Values), Does.Not.Contain(RoutingKey[..8]));
    }
}
