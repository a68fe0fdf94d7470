using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>Replies linked in either order, first reply counted, non-brand replies ignored, and the figures of <see cref="SupportScenario"/>.</summary>
[TestFixture]
public sealed class ResponseTimesApiTests
{
    private TestServer _server = null!;
    private SupportScenario _scenario = null!;
    private static readonly string Window = $"from={SupportScenario.Iso(SupportScenario.T0)}&to={SupportScenario.Iso(SupportScenario.T0.AddDays(1))}";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(SupportScenario.Settings(), configureServices: KeywordClassifier.Use);
        _scenario = new SupportScenario();
        await _scenario.IngestAsync(_server);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<JsonNode> MentionAsync(string name) => await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{_scenario.Ids[name]}");

    [Test]
    public async Task FirstReply_ReplyIngestedAfterTheMention_IsLinked()
    {
        var m1 = await MentionAsync("m1");
        Assert.That((long)m1["firstReply"]!["id"]!, Is.EqualTo(_scenario.Ids["r1"]));
        Assert.That((double)m1["firstReply"]!["seconds"]!, Is.EqualTo(1800));
        Assert.That((string?)m1["triage"], Is.EqualTo("replied"), "a linked brand reply moves the mention to replied");
        Assert.That((string?)m1["team"], Is.EqualTo("billing"));
    }

    [Test]
    public async Task FirstReply_ReplyIngestedBeforeTheMention_IsLinked()
    {
        var m2 = await MentionAsync("m2");
        Assert.That((long)m2["firstReply"]!["id"]!, Is.EqualTo(_scenario.Ids["r2"]));
        Assert.That((double)m2["firstReply"]!["seconds"]!, Is.EqualTo(7200));
        Assert.That((string?)m2["team"], Is.EqualTo("general"), "billing did not take it; the next team in order did");
    }

    [Test]
    public async Task FirstReply_TwoBrandRepliesAndOneFromACustomer_TheEarliestBrandReplyCounts()
    {
        var m3 = await MentionAsync("m3");
        Assert.That((long)m3["firstReply"]!["id"]!, Is.EqualTo(_scenario.Ids["r3b"]), "linked by conversation id, posted before the direct reply");
        Assert.That((double)m3["firstReply"]!["seconds"]!, Is.EqualTo(36000));
        Assert.That((string?)m3["conversationId"], Is.EqualTo(_scenario.Id("conv-3")));
        var author = await _server.Viewer.GetJsonAsync("/api/v1/authors/forum/fay");
        var replies = author["mentions"]!.AsArray().Single(m => (long)m!["mention"]!["id"]! == _scenario.Ids["m3"])!["brandReplies"]!.AsArray();
        Assert.That(replies.Select(r => (long)r!["id"]!), Is.EqualTo(new[] { _scenario.Ids["r3b"], _scenario.Ids["r3c"] }), "both brand replies, once each; not the customer's");
    }

    [Test]
    public async Task ResponseTimes_Scenario_ExactFigures()
    {
        var body = await _server.Viewer.GetJsonAsync($"/api/v1/response-times?watch=acme&{Window}&interval=day");
        var total = body["total"]!;
        Assert.Multiple(() =>
        {
            Assert.That((int)total["needsReply"]!, Is.EqualTo(5));
            Assert.That((int)total["answered"]!, Is.EqualTo(3));
            Assert.That((int)total["unanswered"]!, Is.EqualTo(2));
            Assert.That((double)total["answeredWithin"]!["1h"]!, Is.EqualTo(0.2));
            Assert.That((double)total["answeredWithin"]!["6h"]!, Is.EqualTo(0.4));
            Assert.That((double)total["answeredWithin"]!["24h"]!, Is.EqualTo(0.6));
            Assert.That((double)total["medianSeconds"]!, Is.EqualTo(7200));
            Assert.That((double)total["p90Seconds"]!, Is.EqualTo(36000));
            Assert.That((int)total["resolved"]!, Is.EqualTo(1));
            Assert.That((double)total["resolutionRate"]!, Is.EqualTo(0.2));
        });
        Assert.That(body["buckets"]!.AsArray().Sum(b => (int)b!["figures"]!["needsReply"]!), Is.EqualTo(5));
    }

    [Test]
    public async Task ResponseTimes_TeamWithBusinessHours_CountsOnlyWorkingTime()
    {
        var wall = (await _server.Viewer.GetJsonAsync($"/api/v1/response-times?team=billing&{Window}"))["total"]!;
        Assert.That((int)wall["needsReply"]!, Is.EqualTo(2));
        Assert.That((double)wall["answeredWithin"]!["1h"]!, Is.EqualTo(0.5));
        Assert.That((double)wall["medianSeconds"]!, Is.EqualTo(1800));
        var business = (await _server.Viewer.GetJsonAsync($"/api/v1/response-times?team=billing&clock=business&{Window}"))["total"]!;
        Assert.That((double)business["medianSeconds"]!, Is.EqualTo(900), "16:45 to 17:15 with the team working until 17:00");
    }

    [Test]
    public async Task ResponseTimes_HourBuckets_EachMentionInItsHour()
    {
        var body = await _server.Viewer.GetJsonAsync($"/api/v1/response-times?watch=acme&{Window}&interval=hour");
        var buckets = body["buckets"]!.AsArray().Where(b => (int)b!["figures"]!["needsReply"]! > 0).ToList();
        Assert.That(buckets.Select(b => (int)b!["figures"]!["needsReply"]!), Is.EqualTo(new[] { 1, 1, 1, 1, 1 }));
        Assert.That((double)buckets[0]!["figures"]!["medianSeconds"]!, Is.EqualTo(1800));
        Assert.That(buckets[4]!["figures"]!["medianSeconds"], Is.Null, "M5 is unanswered");
    }

    [Test]
    public async Task ResponseTimesExport_Csv_OneRowPerNeedsReplyMention()
    {
        using var response = await _server.Analyst.GetAsync($"/api/v1/response-times/export?watch=acme&{Window}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var lines = text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0].Trim(), Is.EqualTo("mentionId,source,externalId,author,createdAt,firstReplyId,firstReplyAt,seconds,team,triage"));
        Assert.That(lines, Has.Length.EqualTo(6));
        Assert.That(lines.Single(l => l.Contains(_scenario.Id("m2"))), Does.Contain(",7200,general,replied"));
    }

    [Test]
    public async Task Export_Csv_CarriesFirstReplyAndTriage()
    {
        var text = await _server.Analyst.GetStringAsync($"/api/v1/export?format=csv&watch=acme&{Window}");
        var header = text.TrimStart('\uFEFF').Split('\n')[0];
        Assert.That(header, Does.Contain("triage,team,assignee,firstReplyId,firstReplyAt,firstReplySeconds"));
        Assert.That(text.Split('\n').Single(l => l.Contains(_scenario.Id("m1"))), Does.Contain(",1800"));
    }

    [Test]
    public async Task Mentions_TriageAndTeamFilters()
    {
        var resolved = await _server.Viewer.GetJsonAsync($"/api/v1/mentions?watch=acme&triage=resolved&{Window}");
        Assert.That(resolved["items"]!.AsArray().Select(m => (long)m!["id"]!).ToArray(), Is.EqualTo(new[] { _scenario.Ids["m4"] }));
        var billing = await _server.Viewer.GetJsonAsync($"/api/v1/mentions?team=billing&{Window}");
        Assert.That(billing["items"]!.AsArray().Select(m => (long)m!["id"]!), Is.EquivalentTo(new[] { _scenario.Ids["m1"], _scenario.Ids["m5"] }));
        using var bad = await _server.Viewer.GetAsync("/api/v1/mentions?triage=lost");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "triage");
    }

    [Test]
    public async Task ResponseTimes_UnknownTeam_Is404()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/response-times?team=nobody");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "nobody");
    }

    [Test]
    public async Task Author_History_NewestFirstWithSummary()
    {
        var dana = await _server.Viewer.GetJsonAsync("/api/v1/authors/forum/dana");
        var ids = dana["mentions"]!.AsArray().Select(m => (long)m!["mention"]!["id"]!).ToList();
        Assert.That(ids.Take(2), Is.EqualTo(new[] { _scenario.Ids["m5"], _scenario.Ids["m1"] }));
        Assert.That((int)dana["summary"]!["openItems"]!, Is.GreaterThanOrEqualTo(1), "M5 waits for an answer");
        using var unknown = await _server.Viewer.GetAsync("/api/v1/authors/forum/nobody-at-all");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "nobody-at-all");
    }
}
