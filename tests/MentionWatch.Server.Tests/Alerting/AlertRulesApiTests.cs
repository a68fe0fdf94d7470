using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Alerting;

/// <summary>Rules through the API and configuration: bad input is refused with every problem named, and nothing stored changes.</summary>
[TestFixture]
public sealed class AlertRulesApiTests
{
    private static JsonObject Rule(string name, string notify = "oncall") => new()
    {
        ["name"] = name, ["type"] = "mention", ["watch"] = "acme", ["needsReply"] = true, ["groupBy"] = "watch",
        ["notify"] = new JsonArray(notify),
    };

    [Test]
    public async Task Create_ThenList_ThenEvaluated_ThenDeleted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url)));
        var rule = Rule("api-rule");
        rule.Remove("needsReply");
        rule["query"] = "refund";
        using (var created = await server.Admin.PostJsonAsync("/api/v1/alert-rules", rule.ToJsonString()))
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var listed = await server.Viewer.GetJsonAsync("/api/v1/alert-rules");
        Assert.That(listed.AsArray().Select(r => ((string?)r!["name"], (string?)r["origin"])), Is.EqualTo(new[] { ("api-rule", "api") }));

        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme refund please")));
        await receiver.WaitAcceptedCountAsync(1);

        using (var deleted = await server.Admin.DeleteAsync("/api/v1/alert-rules/api-rule"))
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme refund again")));
        var alerts = await server.Viewer.GetJsonAsync("/api/v1/alerts");
        Assert.That(alerts["items"]!.AsArray(), Has.Count.EqualTo(1), "a deleted rule pages no more");
    }

    [Test]
    public async Task Create_InvalidRule_400ListingEveryProblemAndNothingStored()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url)));
        var bad = Rule("bad", notify: "nobody");
        bad["query"] = "(acme OR";
        bad["realertSeconds"] = -5;
        bad["quietHours"] = new JsonObject { ["timeZone"] = "Mars/Olympus", ["start"] = "22:00", ["end"] = "07:00", ["notify"] = new JsonArray("oncall") };

        using var response = await server.Admin.PostJsonAsync("/api/v1/alert-rules", bad.ToJsonString());
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "nobody");
        var errors = problem["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.SupersetOf(new[] { "notify", "query", "realertSeconds", "quietHours.timeZone" }));
        Assert.That(errors["query"]!.ToJsonString(), Does.Contain("position"));
        Assert.That(errors["quietHours.timeZone"]!.ToJsonString(), Does.Contain("Mars/Olympus"));

        var unknownType = Rule("bad2");
        unknownType["type"] = "telepathy";
        using var typeResponse = await server.Admin.PostJsonAsync("/api/v1/alert-rules", unknownType.ToJsonString());
        await typeResponse.AssertProblemAsync(HttpStatusCode.BadRequest, "mention, sla, spike");

        using var unknownField = await server.Admin.PostJsonAsync("/api/v1/alert-rules", """{"name":"x","type":"mention","sensitivty":3}""");
        await unknownField.AssertProblemAsync(HttpStatusCode.BadRequest, "sensitivty");

        Assert.That((await server.Viewer.GetJsonAsync("/api/v1/alert-rules")).AsArray(), Is.Empty, "nothing was stored");
    }

    [Test]
    public async Task Rules_ConfiguredRule_IsReadOnlyAndRolesAreEnforced()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(
            AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url), AlertSettings.KeywordRule("configured", "refund", "none", "oncall")));
        using (var put = await server.Admin.PutJsonAsync("/api/v1/alert-rules/configured", Rule("configured").ToJsonString()))
            await put.AssertProblemAsync(HttpStatusCode.Conflict, "Alerts:Rules:configured");
        using (var analyst = await server.Analyst.PostJsonAsync("/api/v1/alert-rules", Rule("mine").ToJsonString()))
            Assert.That(analyst.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using (var duplicate = await server.Admin.PostJsonAsync("/api/v1/alert-rules", Rule("CONFIGURED").ToJsonString()))
            await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "already exists");
        var notifiers = await server.Viewer.GetJsonAsync("/api/v1/notifiers");
        Assert.That(notifiers.ToJsonString(), Does.Not.Contain(AlertSettings.Secret["whsec_".Length..]), "secrets are masked");
        using (var test = await server.Admin.PostAsync("/api/v1/notifiers/oncall/test", null))
        {
            var body = JsonNode.Parse(await test.Content.ReadAsStringAsync())!;
            Assert.That((string?)body["outcome"], Is.EqualTo("accepted"));
        }
        await receiver.WaitAcceptedCountAsync(1);
    }

    [Test]
    public void Start_BadAlertingConfiguration_StopsListingEveryProblem()
    {
        var settings = AlertSettings.Merge(
            new Dictionary<string, string?>
            {
                ["Alerts:Notifiers:hook:Type"] = "webhook",
                ["Alerts:Notifiers:hook:Url"] = "http://127.0.0.1:9/hook",
                ["Alerts:Notifiers:fax:Type"] = "fax",
                ["Alerts:Rules:r1:Type"] = "mention",
                ["Alerts:Rules:r1:Query"] = "\"unclosed",
                ["Alerts:Rules:r1:Notify:0"] = "ghost",
                ["Alerts:Rules:r2:Type"] = "spike",
                ["Alerts:Rules:r2:WindowMinutes"] = "-1",
                ["Alerts:Rules:r2:Sensitivity"] = "0.5",
                ["Alerts:Rules:r3:Type"] = "mention",
                ["Alerts:Rules:r3:QuietHours:TimeZone"] = "Nowhere/Land",
            });
        var ex = Assert.CatchAsync(async () => await TestServer.StartAsync(settings))!;
        var problems = MentionWatchEndpoints.ConfigurationProblems(ex);
        var all = string.Join("\n", problems);
        Assert.That(all, Does.Contain("Alerts:Notifiers:hook:Url").And.Contain("AllowPrivateTargets"), "loopback is refused unless allowed");
        Assert.That(all, Does.Contain("Alerts:Notifiers:fax:Type"));
        Assert.That(all, Does.Contain("Alerts:Rules:r1:Query").And.Contain("Alerts:Rules:r1:Notify"));
        Assert.That(all, Does.Contain("Alerts:Rules:r2:WindowMinutes").And.Contain("Alerts:Rules:r2:Sensitivity"));
        Assert.That(all, Does.Contain("Alerts:Rules:r3:QuietHours:TimeZone"));
    }

    [Test]
    public async Task Start_LoopbackNotifierAllowed_Starts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Webhook("oncall", receiver.Url));
        Assert.That((await server.Viewer.GetJsonAsync("/api/v1/notifiers")).AsArray(), Has.Count.EqualTo(1));
    }
}
