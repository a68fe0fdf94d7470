using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Tests.Alerting.Notifiers.Support;

namespace MentionWatch.Server.Tests.Alerting.Notifiers;

public sealed class NotifierCatalogTests
{
    private const string Known = "known types: email, pagerduty, slack, telegram, webhook.";

    [Test]
    public void Validate_ManyMistakes_ListsEveryProblemWithItsKey()
    {
        using var harness = NotifierHarness.Create(new Dictionary<string, string?>
        {
            ["Alerts:Notifiers:sms:Type"] = "sms",
            ["Alerts:Notifiers:typeless:Url"] = "https://example.com/hook",
            ["Alerts:Notifiers:oncall:Type"] = "webhook",
            ["Alerts:Notifiers:oncall:Secret"] = "not-a-standard-webhooks-secret",
            ["Alerts:Notifiers:oncall:TimeoutSeconds"] = "500",
            ["Alerts:Notifiers:internal:Type"] = "webhook",
            ["Alerts:Notifiers:internal:Url"] = "http://127.0.0.1:8080/hook",
            ["Alerts:Notifiers:relative:Type"] = "slack",
            ["Alerts:Notifiers:relative:WebhookUrl"] = "/services/T1/B2/xyz",
            ["Alerts:Notifiers:tg:Type"] = "telegram",
            ["Alerts:Notifiers:tg:ChatId"] = "not a chat",
            ["Alerts:Notifiers:mail:Type"] = "email",
            ["Alerts:Notifiers:mail:Host"] = "localhost",
            ["Alerts:Notifiers:mail:Security"] = "tls1.3",
            ["Alerts:Notifiers:mail:From"] = "nobody",
            ["Alerts:Notifiers:pager:Type"] = "PagerDuty",
        }, allowPrivateTargets: false);

        var problems = harness.Validate();

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            $"Alerts:Notifiers:sms:Type: unknown notifier type 'sms'; {Known}",
            $"Alerts:Notifiers:typeless:Type: is required; {Known}",
            "Alerts:Notifiers:oncall:Url: is required.",
            "Alerts:Notifiers:oncall:Secret: must be 'whsec_' followed by a base64-encoded key (Standard Webhooks).",
            "Alerts:Notifiers:oncall:TimeoutSeconds: must be a whole number from 1 to 120.",
            "Alerts:Notifiers:internal:Url: the host is a loopback, private or link-local address; set Alerts:AllowPrivateTargets=true to allow internal targets.",
            "Alerts:Notifiers:relative:WebhookUrl: must be an absolute http or https URL.",
            "Alerts:Notifiers:tg:BotToken: is required.",
            "Alerts:Notifiers:tg:ChatId: must be a numeric chat id or an @channel username.",
            "Alerts:Notifiers:mail:Host: the host is a loopback, private or link-local address; set Alerts:AllowPrivateTargets=true to allow internal targets.",
            "Alerts:Notifiers:mail:Security: must be one of none, starttls, ssl, auto.",
            "Alerts:Notifiers:mail:From: 'nobody' is not an e-mail address.",
            "Alerts:Notifiers:mail:To: needs at least one address.",
            "Alerts:Notifiers:pager:RoutingKey: is required.",
        }));
    }

    [Test]
    public void Validate_SecretValues_AreNeverQuoted()
    {
        using var harness = NotifierHarness.Create(new Dictionary<string, string?>
        {
            ["Alerts:Notifiers:oncall:Type"] = "webhook",
            ["Alerts:Notifiers:oncall:Url"] = "ftp://example.com/very-secret-path",
            ["Alerts:Notifiers:oncall:Secret"] = "whsec_%%%TOPSECRET%%%",
        });

        var problems = string.Join("\n", harness.Validate());

        Assert.That(problems, Does.Not.Contain("TOPSECRET").And.Not.Contain("very-secret-path"));
    }

    [Test]
    public void Validate_LoopbackAllowed_HasNoProblems()
    {
        using var harness = NotifierHarness.Create(new Dictionary<string, string?>
        {
            ["Alerts:Notifiers:internal:Type"] = "webhook",
            ["Alerts:Notifiers:internal:Url"] = "http://127.0.0.1:8080/hook",
            ["Alerts:Notifiers:mail:Type"] = "email",
            ["Alerts:Notifiers:mail:Host"] = "localhost",
            ["Alerts:Notifiers:mail:From"] = "alerts@example.com",
            ["Alerts:Notifiers:mail:To"] = "a@example.com, b@example.com",
        }, allowPrivateTargets: true);

        Assert.That(harness.Validate(), Is.Empty);
    }

    [Test]
    public void CreateAll_ValidConfiguration_BuildsEveryNotifierByCaseInsensitiveName()
    {
        using var harness = NotifierHarness.Create(new Dictionary<string, string?>
        {
            ["Alerts:Notifiers:OnCall:Type"] = "webhook",
            ["Alerts:Notifiers:OnCall:Url"] = "https://hooks.example.com/mw",
            ["Alerts:Notifiers:OnCall:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Alerts:Notifiers:team:Type"] = "SLACK",
            ["Alerts:Notifiers:team:WebhookUrl"] = "https://hooks.slack.com/services/T1/B2/xyz",
            ["Alerts:Notifiers:tg:Type"] = "telegram",
            ["Alerts:Notifiers:tg:BotToken"] = "123:abc_DEF-ghi",
            ["Alerts:Notifiers:tg:ChatId"] = "@brand_alerts",
            ["Alerts:Notifiers:mail:Type"] = "email",
            ["Alerts:Notifiers:mail:Host"] = "smtp.example.com",
            ["Alerts:Notifiers:mail:From"] = "alerts@example.com",
            ["Alerts:Notifiers:mail:To:0"] = "oncall@example.com",
            ["Alerts:Notifiers:pager:Type"] = "pagerduty",
            ["Alerts:Notifiers:pager:RoutingKey"] = "0123456789abcdef0123456789abcdef",
        }, allowPrivateTargets: false);
        Assert.That(harness.Validate(), Is.Empty);

        var notifiers = harness.Catalog.CreateAll(harness.Notifiers, harness.Services);

        Assert.That(notifiers.Keys, Is.EquivalentTo(new[] { "OnCall", "team", "tg", "mail", "pager" }));
        Assert.That(notifiers["oncall"].Type, Is.EqualTo("webhook"));
        Assert.That(notifiers["TEAM"].Type, Is.EqualTo("slack"));
        Assert.That(notifiers["oncall"].Name, Is.EqualTo("OnCall"));
        Assert.That(notifiers["mail"].Describe()["port"], Is.EqualTo("587"));
    }

    [Test]
    public void CreateAll_InvalidSection_Throws()
    {
        using var harness = NotifierHarness.Create(new Dictionary<string, string?> { ["Alerts:Notifiers:x:Type"] = "webhook" });

        Assert.That(
            () => harness.Catalog.CreateAll(harness.Notifiers, harness.Services),
            Throws.InvalidOperationException.With.Message.Contains("Alerts:Notifiers:x:Url: is required."));
    }

    [Test]
    public void Types_AreTheFiveKnownOnes()
    {
        using var harness = NotifierHarness.Create(new Dictionary<string, string?>());

        Assert.That(harness.Catalog.Types, Is.EqualTo(new[] { "email", "pagerduty", "slack", "telegram", "webhook" }));
    }
}
