using MentionWatch.Server.Alerting.Notifiers;
using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;
using MentionWatch.Server.Tests.Alerting.Notifiers.Support;

namespace MentionWatch.Server.Tests.Alerting.Notifiers;

public sealed class TelegramNotifierTests
{
    private const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private const long ChatId = -1001234567890;

    private FakeReceiver _botApi = null!;

    [SetUp]
    public async Task StartBotApi() => _botApi = await FakeReceiver.StartAsync();

    [TearDown]
    public async Task StopBotApi() => await _botApi.DisposeAsync();

    private NotifierHarness Harness() => NotifierHarness.For("tg", "telegram", new Dictionary<string, string?>
    {
        ["BotToken"] = Token,
        ["ChatId"] = ChatId.ToString(),
        ["BaseUrl"] = _botApi.BaseUrl.ToString(),
    });

    [Test]
    public async Task SendAsync_Ok_CallsSendMessageWithHtmlText()
    {
        using var harness = Harness();
        _botApi.Reply(Wire.TelegramSent(ChatId, messageId: 77));

        var result = await harness.Notifier("tg").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Accepted), result.Detail);
        Assert.That(result.Detail, Does.Contain("77"));
        var request = _botApi.Single;
        Assert.That(request.Path, Is.EqualTo($"/bot{Token}/sendMessage"));
        var body = JsonNode.Parse(request.Body)!;
        var text = (string)body["text"]!;
        Assert.Multiple(() =>
        {
            Assert.That((long?)body["chat_id"], Is.EqualTo(ChatId));
            // Telegram.Bot writes "Html"; the Bot API reads parse modes case-insensitively.
            Assert.That((string?)body["parse_mode"], Is.EqualTo("HTML").IgnoreCase);
            Assert.That(text, Does.Contain("negative-spike").And.Contain("voltik"));
            Assert.That(text, Does.Contain(SomeAlert.RussianText));
            Assert.That(text, Does.Contain("<a href=\"https://x.com/anna/status/1865000000000000001\">@anna</a>"));
            Assert.That(text, Does.Contain("&lt;scooter&gt; &amp; charger"));
        });
    }

    [Test]
    public async Task SendAsync_InfoAlert_IsSilent()
    {
        using var harness = Harness();
        _botApi.Reply(Wire.TelegramSent(ChatId));

        await harness.Notifier("tg").SendAsync(SomeAlert.Notification(alert: SomeAlert.Alert(severity: AlertSeverity.Info)), CancellationToken.None);

        Assert.That((bool?)JsonNode.Parse(_botApi.Single.Body)!["disable_notification"], Is.True);
    }

    [Test]
    public async Task SendAsync_TooManyRequests_IsTransientWithRetryAfter()
    {
        using var harness = Harness();
        _botApi.Reply(Wire.TelegramError(429, "Too Many Requests: retry after 3", retryAfter: 3));

        var result = await harness.Notifier("tg").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.StatusCode, Is.EqualTo(429));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(_botApi.Requests, Has.Count.EqualTo(1), "Telegram.Bot must not retry by itself");
    }

    [Test]
    public async Task SendAsync_ServerError_IsTransient()
    {
        using var harness = Harness();
        _botApi.Reply(Wire.TelegramError(502, "Bad Gateway"));

        var result = await harness.Notifier("tg").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
    }

    [Test]
    public async Task SendAsync_ServerErrorWithoutJson_IsTransient()
    {
        using var harness = Harness();
        _botApi.Reply(500, "<html>oops</html>", "text/html");

        var result = await harness.Notifier("tg").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
    }

    [TestCase(400, "Bad Request: chat not found")]
    [TestCase(401, "Unauthorized")]
    [TestCase(403, "Forbidden: bot was blocked by the user")]
    public async Task SendAsync_Refused_IsPermanent(int code, string description)
    {
        using var harness = Harness();
        _botApi.Reply(Wire.TelegramError(code, description));

        var result = await harness.Notifier("tg").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Permanent));
        Assert.That(result.StatusCode, Is.EqualTo(code));
        Assert.That(result.Detail, Does.Contain(description));
    }

    [Test]
    public async Task SendAsync_ErrorEchoesTheToken_DetailIsScrubbed()
    {
        using var harness = Harness();
        _botApi.Reply(Wire.TelegramError(404, $"Not Found: /bot{Token}/sendMessage"));

        var result = await harness.Notifier("tg").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Detail, Does.Not.Contain(Token).And.Not.Contain(Token.Split(':')[1]));
    }

    [Test]
    public async Task SendAsync_NoAnswer_TimesOutAsTransient()
    {
        using var harness = Harness();
        _botApi.Reply(ReceiverReply.NoAnswer);

        var result = await harness.SendAndTimeOutAsync(harness.Notifier("tg"), _botApi.FirstRequest, TimeSpan.FromSeconds(10));

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
    }

    [Test]
    public void Describe_BotToken_IsMasked()
    {
        using var harness = Harness();

        var described = harness.Notifier("tg").Describe();

        Assert.That(described["botToken"], Is.EqualTo("********"));
        Assert.That(described["chatId"], Is.EqualTo(ChatId.ToString()));
        Assert.That(string.Join(" ", described.Values), Does.Not.Contain(Token).And.Not.Contain("AAHdq"));
    }
}
