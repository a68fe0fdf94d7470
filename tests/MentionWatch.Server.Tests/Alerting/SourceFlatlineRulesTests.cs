using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MentionWatch.Server.Alerting;
using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Tests.Alerting;

/// <summary><c>Sources:FlatlineAlerts</c>: one flatline rule per enabled source, generated at start.</summary>
[TestFixture]
public sealed class SourceFlatlineRulesTests
{
    [Test]
    public async Task Start_FlatlineAlertsWithANotifier_RegistersOneRulePerEnabledSource()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = AlertSettings.Merge(AlertSettings.Webhook("oncall", receiver.Url), new Dictionary<string, string?>
        {
            ["Sources:AllowPrivateTargets"] = "true",
            ["Sources:HackerNews:Enabled"] = "true",
            ["Sources:HackerNews:BaseUrl"] = "http://127.0.0.1:9",
            ["Sources:Telegram:Channels:0"] = "acmenews",
            ["Sources:Telegram:BaseUrl"] = "http://127.0.0.1:9",
            ["Sources:FlatlineAlerts:Notify:0"] = "oncall",
            ["Sources:FlatlineAlerts:MinQuietMinutes"] = "90",
        });
        await using var server = await TestServer.StartAsync(settings);

        var rules = await server.Admin.GetFromJsonAsync<List<JsonObject>>("/api/v1/alert-rules");

        var generated = rules!.Where(r => ((string)r["name"]!).StartsWith(FlatlineSourceRules.Prefix)).ToList();
        Assert.That(generated.Select(r => (string)r["name"]!), Is.EqualTo(new[] { "source-flatline-hackernews", "source-flatline-telegram" }));
        Assert.That(generated.Select(r => r.ToJsonString()), Has.All.Contains("\"flatline\"").And.All.Contains("oncall").And.All.Contains("90"));
        Assert.That(generated.Select(r => (string?)r["origin"]), Has.All.EqualTo("sources"));
        var loaded = await server.Services.GetRequiredService<AlertRuleSet>().LoadAsync(CancellationToken.None);
        Assert.That(loaded.Select(r => r.Name), Does.Contain("source-flatline-telegram"));
    }

    [Test]
    public void Start_FlatlineAlertsNamingAMissingNotifier_FailsWithTheKey()
    {
        var ex = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await TestServer.StartAsync(new Dictionary<string, string?> { ["Sources:FlatlineAlerts:Notify:0"] = "nobody" }));

        Assert.That(ex!.Message, Does.Contain("Sources:FlatlineAlerts").And.Contain("nobody"));
    }
}
