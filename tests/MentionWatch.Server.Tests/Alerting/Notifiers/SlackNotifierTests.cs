using System.Text.Json.Nodes;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Tests.Alerting.Notifiers.Support;

namespace MentionWatch.Server.Tests.Alerting.Notifiers;

public sealed class SlackNotifierTests
{
    private const string HookPath = "/services/T0001/B0002/s3cr3tW3bh00kT0k3n";

    private FakeReceiver _slack = null!;

    [SetUp]
    public async Task StartSlack() => _slack = await FakeReceiver.StartAsync();

    [TearDown]
    public async Task StopSlack() => await _slack.DisposeAsync();

    private NotifierHarness Harness() =>
        NotifierHarness.For("team", "slack", new Dictionary<string, string?> { ["WebhookUrl"] = _slack.Url(HookPath).ToString() });

    [Test]
    public async Task SendAsync_Ok_PostsTextAndBlocksWithMentionLinks()
    {
        using var harness = Harness();
        _slack.Reply(Wire.Slack(200, "ok"));

        var result = await harness.Notifier("team").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Accepted));
        var request = _slack.Single;
        Assert.That(request.Path, Is.EqualTo(HookPath));
        Assert.That(request.Headers["content-type"], Does.StartWith("application/json"));
        var body = JsonNode.Parse(request.Body)!;
        var text = (string)body["text"]!;
        var blocks = body["blocks"]!.AsArray();
        var allText = string.Join("\n", blocks.Select(b => b!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("negative-spike").And.Contain("voltik").And.Contain("WARNING"));
            Assert.That((string?)blocks[0]!["type"], Is.EqualTo("header"));
            Assert.That(allText, Does.Contain("<https://x.com/anna/status/1865000000000000001|@anna>"));
            Assert.That(allText, Does.Contain(SomeAlert.RussianText));
            Assert.That(allText, Does.Contain("*Mentions*\\n12"));
            // Slack's control characters in mention text are escaped, so they cannot forge links.
            Assert.That(allText, Does.Contain("My Voltik &lt;scooter&gt; &amp; charger"));
        });
    }

    [Test]
    public async Task SendAsync_RateLimited_IsTransientWithRetryAfter()
    {
        using var harness = Harness();
        _slack.Reply(Wire.Slack(429, "rate_limited", Wire.RetryAfter("7")));

        var result = await harness.Notifier("team").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task SendAsync_ServerError_IsTransient()
    {
        using var harness = Harness();
        _slack.Reply(Wire.Slack(500, "rollup_error"));

        var result = await harness.Notifier("team").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.StatusCode, Is.EqualTo(500));
    }

    [TestCase(400, "invalid_payload")]
    [TestCase(403, "invalid_token")]
    [TestCase(404, "no_service")]
    [TestCase(410, "channel_is_archived")]
    public async Task SendAsync_SlackRefuses_IsPermanentWithSlacksText(int status, string error)
    {
        using var harness = Harness();
        _slack.Reply(Wire.Slack(status, error));

        var result = await harness.Notifier("team").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Permanent));
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Detail, Does.Contain(error));
    }

    [Test]
    public async Task SendAsync_ErrorEchoesTheUrl_DetailIsScrubbed()
    {
        using var harness = Harness();
        _slack.Reply(Wire.Slack(404, "no_service for " + _slack.Url(HookPath)));

        var result = await harness.Notifier("team").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Detail, Does.Not.Contain("s3cr3tW3bh00kT0k3n"));
        Assert.That(result.Detail, Does.Contain("********"));
    }

    [Test]
    public async Task SendAsync_NoAnswer_TimesOutAsTransient()
    {
        using var harness = Harness();
        _slack.Reply(ReceiverReply.NoAnswer);

        var result = await harness.SendAndTimeOutAsync(harness.Notifier("team"), _slack.FirstRequest, TimeSpan.FromSeconds(10));

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
    }

    [Test]
    public void Describe_WebhookUrl_IsMasked()
    {
        using var harness = Harness();

        var described = harness.Notifier("team").Describe();

        Assert.That(described["webhookUrl"], Is.EqualTo("********"));
        Assert.That(string.Join(" ", described.Values), Does.Not.Contain("s3cr3t").And.Not.Contain("T0001"));
    }
}
