using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Tests.Alerting.Notifiers.Support;

namespace MentionWatch.Server.Tests.Alerting.Notifiers;

public sealed class EmailNotifierTests
{
    private const string Password = "sm7p-Pa55w0rd!";

    private FakeSmtpServer _smtp = null!;

    [SetUp]
    public void StartSmtp() => _smtp = FakeSmtpServer.Start();

    [TearDown]
    public async Task StopSmtp() => await _smtp.DisposeAsync();

    private static NotifierHarness Harness(int port, string? username = null) => NotifierHarness.For("mail", "email", new Dictionary<string, string?>
    {
        ["Host"] = "127.0.0.1",
        ["Port"] = port.ToString(),
        ["Security"] = "none",
        ["Username"] = username,
        ["Password"] = username is null ? null : Password,
        ["From"] = "MentionWatch <alerts@mentionwatch.test>",
        ["To:0"] = "oncall@example.test",
        ["To:1"] = "Мария <maria@example.test>",
    });

    [Test]
    public async Task SendAsync_Accepted_DeliversSubjectRecipientsAndText()
    {
        using var harness = Harness(_smtp.Port);

        var result = await harness.Notifier("mail").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Accepted), result.Detail);
        var message = _smtp.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "oncall@example.test", "maria@example.test" }));
            Assert.That(message.To.Mailboxes.Last().Name, Is.EqualTo("Мария"));
            Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("alerts@mentionwatch.test"));
            Assert.That(message.Subject, Does.Contain("WARNING").And.Contain("negative-spike").And.Contain("voltik"));
            Assert.That(message.TextBody, Does.Contain(SomeAlert.RussianText));
            Assert.That(message.TextBody, Does.Contain("https://x.com/anna/status/1865000000000000001"));
            Assert.That(message.HtmlBody, Does.Contain("&lt;scooter&gt;"));
            Assert.That(message.MessageId, Is.EqualTo("msg_2Kw9dE7pQx@mentionwatch"));
        });
    }

    [TestCase(451, "Requested action aborted: try again later")]
    [TestCase(452, "Insufficient system storage")]
    [TestCase(421, "Too many messages, slow down")]
    public async Task SendAsync_TryLater_IsTransient(int code, string text)
    {
        _smtp.AnswerData = (code, text);
        using var harness = Harness(_smtp.Port);

        var result = await harness.Notifier("mail").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.StatusCode, Is.EqualTo(code));
    }

    [Test]
    public async Task SendAsync_Rejected_IsPermanent()
    {
        _smtp.AnswerData = (554, "Transaction failed: spam");
        using var harness = Harness(_smtp.Port);

        var result = await harness.Notifier("mail").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Permanent));
        Assert.That(result.StatusCode, Is.EqualTo(554));
    }

    [Test]
    public async Task SendAsync_NothingListening_IsTransient()
    {
        using var harness = Harness(FakeSmtpServer.FreePort());

        var result = await harness.Notifier("mail").SendAsync(SomeAlert.Notification(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.Detail, Does.Contain("connection failed"));
    }

    [Test]
    public async Task SendAsync_NoGreeting_TimesOutAsTransient()
    {
        using var silent = new SilentTcpServer();
        using var harness = Harness(silent.Port);

        var result = await harness.SendAndTimeOutAsync(harness.Notifier("mail"), silent.Connected, TimeSpan.FromSeconds(30));

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Transient));
        Assert.That(result.Detail, Does.Contain("30 s"));
    }

    [Test]
    public void Describe_Password_IsMasked()
    {
        using var harness = Harness(_smtp.Port, username: "alerts");

        var described = harness.Notifier("mail").Describe();

        Assert.That(described["password"], Is.EqualTo("********"));
        Assert.That(described["username"], Is.EqualTo("alerts"));
        Assert.That(described["host"], Is.EqualTo("127.0.0.1"));
        Assert.That(described["security"], Is.EqualTo("none"));
        Assert.That(string.Join(" ", described.Values), Does.Not.Contain("Pa55"));
    }
}
