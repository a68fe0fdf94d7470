using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Tests.Alerting.Notifiers.Support;

namespace MentionWatch.Server.Tests.Alerting.Notifiers;

public sealed class WebhookNotifierTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 24).Select(i => (byte)i).ToArray();
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Key);

    private FakeReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiver() => _receiver = await FakeReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    private NotifierHarness Harness(bool allowPrivateTargets = true) => NotifierHarness.For(
        "oncall", "webhook", new Dictionary<string, string?> { ["Url"] = _receiver.Url("/hooks/mw").ToString(), ["Secret"] = Secret }, allowPrivateTargets);

    [Test]
    public async Task SendAsync_Accepted_PostsSignedStandardWebhook()
    {
        using var harness = Harness();
        _receiver.Reply(204);
        var notification = SomeAlert.Notification();

        var result = await harness.Notifier("oncall").SendAsync(notification, CancellationToken.None);

        Assert.That(result, Is.EqualTo(DeliveryResult.Accepted(204, "HTTP 204")));
        var request = _receiver.Single;
        var timestamp = NotifierHarness.Start.ToUnixTimeSeconds().ToString();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/hooks/mw"));
            Assert.That(request.Headers["content-type"], Does.StartWith("application/json"));
            Assert.That(request.Headers["webhook-id"], Is.EqualTo(notification.DeliveryId));
            Assert.That(request.Headers["webhook-timestamp"], Is.EqualTo(timestamp));
        });

        // Verified the way a receiver would, from the secret alone.
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{notification.DeliveryId}.{timestamp}.{request.Body}")));
        Assert.That(request.Headers["webhook-signature"], Is.EqualTo("v1," + expected));

        var body = JsonNode.Parse(request.Body)!;
        var alert = body["alert"]!;
        var mention = alert["mentions"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)body["type"], Is.EqualTo("alert.triggered"));
            Assert.That((string?)body["deliveryId"], Is.EqualTo(notification.DeliveryId));
            Assert.That(DateTimeOffset.Parse((string)body["occurredAt"]!), Is.EqualTo(NotifierHarness.Start));
            Assert.That((long?)alert["id"], Is.EqualTo(17));
            Assert.That((string?)alert["rule"], Is.EqualTo("negative-spike"));
            Assert.That((string?)alert["ruleType"], Is.EqualTo("spike"));
            Assert.That((string?)alert["watch"], Is.EqualTo("voltik"));
            Assert.That((string?)alert["state"], Is.EqualTo("open"));
            Assert.That((string?)alert["severity"], Is.EqualTo("warning"));
            Assert.That((int?)alert["count"], Is.EqualTo(12));
            Assert.That(alert.AsObject().ContainsKey("acknowledgedAt"), Is.True, "null fields are sent, so receivers see a fixed shape");
            Assert.That(alert["mentions"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That((string?)mention["text"], Is.EqualTo(SomeAlert.RussianText));
            Assert.That((string?)mention["externalId"], Is.EqualTo("1865000000000000001"));
            Assert.That((string?)mention["author"]!["handle"], Is.EqualTo("anna"));
            Assert.That((long?)mention["author"]!["followers"], Is.EqualTo(1_200));
            Assert.That((bool?)mention["needsReply"], Is.True);
            Assert.That((double?)mention["needsReplyProbability"], Is.EqualTo(0.91).Within(1e-6));
        });
    }

    [Test]
    public async Task SendAsync_RateLimitedWithDeltaSeconds_IsTransientWithRetryAfter()
    {
        using var harness = Harness();
        _receiver.Reply(429, "slow down", "text/plain", Wire.RetryAfter("30"));

        var result = await harness.Notifier("oncall").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.StatusCode, Is.EqualTo(429));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task SendAsync_RetryAfterHttpDate_IsMeasuredOnTheInjectedClock()
    {
        using var harness = Harness();
        _receiver.Reply(503, "", headers: Wire.RetryAfter(NotifierHarness.Start.AddMinutes(2).ToString("R")));

        var result = await harness.Notifier("oncall").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(408)]
    public async Task SendAsync_ServerErrorOrRequestTimeout_IsTransient(int status)
    {
        using var harness = Harness();
        _receiver.Reply(status, "upstream trouble", "text/plain");

        var result = await harness.Notifier("oncall").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Detail, Does.Contain("upstream trouble"));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(404)]
    [TestCase(410)]
    [TestCase(301)]
    public async Task SendAsync_ClientErrorOrRedirect_IsPermanent(int status)
    {
        using var harness = Harness();
        _receiver.Reply(status, "no", "text/plain", status == 301 ? new Dictionary<string, string> { ["Location"] = "http://169.254.169.254/" } : null);

        var result = await harness.Notifier("oncall").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Permanent));
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(_receiver.Requests, Has.Count.EqualTo(1), "redirects are never followed");
    }

    [Test]
    public async Task SendAsync_NoAnswer_TimesOutAsTransient()
    {
        using var harness = Harness();
        _receiver.Reply(ReceiverReply.NoAnswer);

        var result = await harness.SendAndTimeOutAsync(harness.Notifier("oncall"), _receiver.FirstRequest, TimeSpan.FromSeconds(10));

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.Detail, Does.Contain("10 s"));
    }

    [Test]
    public async Task SendAsync_NothingListening_IsTransient()
    {
        var port = FakeSmtpServer.FreePort();
        using var harness = NotifierHarness.For("oncall", "webhook", new Dictionary<string, string?> { ["Url"] = $"http://127.0.0.1:{port}/hook" });

        var result = await harness.Notifier("oncall").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.Detail, Does.StartWith("network error"));
    }

    [Test]
    public async Task SendAsync_PrivateAddressNotAllowed_IsRefusedAtConnect()
    {
        // Validation would refuse 127.0.0.1 already; a DNS name resolving inside reaches only the connect guard.
        using var harness = Harness(allowPrivateTargets: false);
        var notifier = harness.Services.GetServices<IAlertNotifierType>().Single(t => t.Type == "webhook")
            .Create(harness.Notifiers.GetSection("oncall"), harness.Services);

        var result = await notifier.SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Permanent));
        Assert.That(result.Detail, Does.Contain("Alerts:AllowPrivateTargets=true"));
        Assert.That(_receiver.Requests, Is.Empty);
    }

    [Test]
    public void Describe_SecretSet_ShowsOnlyTheMask()
    {
        using var harness = Harness();

        var described = harness.Notifier("oncall").Describe();

        Assert.That(described["type"], Is.EqualTo("webhook"));
        Assert.That(described["url"], Is.EqualTo(_receiver.Url("/hooks/mw").ToString()));
        Assert.That(described["secret"], Is.EqualTo("********"));
        Assert.That(described["timeoutSeconds"], Is.EqualTo("10"));
        Assert.That(string.Join(" ", described.Values), Does.Not.Contain(Secret[6..12]));
    }

    [Test]
    public void Describe_NoSecret_IsNull()
    {
        using var harness = NotifierHarness.For("oncall", "webhook", new Dictionary<string, string?> { ["Url"] = "https://example.com/hook?token=abc123" });

        var described = harness.Notifier("oncall").Describe();

        Assert.That(described["secret"], Is.Null);
        Assert.That(described["url"], Is.EqualTo("https://example.com/hook?********"));
    }

    [Test]
    public void ToJson_SameNotification_IsTheSameBody()
    {
        var notification = SomeAlert.Notification();

        // A retried delivery must carry a byte-identical body, or the receiver's signature check and dedup disagree.
        var first = AlertPayload.ToJson(notification);
        var second = AlertPayload.ToJson(notification);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(Encoding.UTF8.GetString(AlertPayload.ToUtf8Bytes(notification)), Is.EqualTo(first));
    }
}
