using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>Watches change, history follows: re-match on create, tags removed on delete, competitors must exist.</summary>
[TestFixture]
public sealed class WatchRematchTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(SupportScenario.Settings(), configureServices: KeywordClassifier.Use);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<JsonNode> WaitRematchAsync(string name)
    {
        var watch = await Wait.ForValueAsync(() => _server.Viewer.GetJsonAsync($"/api/v1/watches/{name}"),
            w => (string?)w["rematch"]?["state"] == "done", $"the re-match of {name} to finish", TimeSpan.FromSeconds(30));
        return watch["rematch"]!;
    }

    [Test]
    public async Task Create_StoredMentionsOfTheLast30Days_AreTaggedAndCounted()
    {
        var word = "zorb" + Guid.NewGuid().ToString("N")[..6];
        await _server.Analyst.IngestOkAsync(Some.Array(
            Some.Post($"my {word} is great", createdAt: DateTimeOffset.UtcNow.AddDays(-3)),
            Some.Post($"{word} again", createdAt: DateTimeOffset.UtcNow.AddDays(-1)),
            Some.Post($"{word} long ago", createdAt: DateTimeOffset.UtcNow.AddDays(-40)),
            Some.Post("unrelated")));
        using (var created = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(word, word).ToJsonString()))
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var progress = await WaitRematchAsync(word);
        Assert.That((long)progress["done"]!, Is.EqualTo((long)progress["total"]!));
        var tagged = await _server.Viewer.GetJsonAsync($"/api/v1/mentions?watch={word}");
        Assert.That(tagged["items"]!.AsArray(), Has.Count.EqualTo(2), "the 40-day-old mention is outside Watches:RematchDays");
        var trends = await _server.Viewer.GetJsonAsync($"/api/v1/trends?watch={word}");
        Assert.That(trends["buckets"]!.AsArray().Sum(b => (long)b!["total"]!), Is.EqualTo(2), "rollups follow the tags");

        using (var deleted = await _server.Admin.DeleteAsync($"/api/v1/watches/{word}"))
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Wait.ForAsync(async () => (await _server.Viewer.CountAsync($"&q={word}")) == 0 ||
                !(await _server.Viewer.GetJsonAsync($"/api/v1/mentions?q={word}"))["items"]!.AsArray().Any(m => m!["watches"]!.AsArray().Count > 0),
            "the tags to go after the watch was deleted", TimeSpan.FromSeconds(30));
        var left = await _server.Viewer.GetJsonAsync($"/api/v1/mentions?q={word}");
        Assert.That(left["items"]!.AsArray().SelectMany(m => m!["watches"]!.AsArray()), Is.Empty);
    }

    [Test]
    public async Task Competitors_UnknownWatch_Is400_DeletingANamedCompetitor_Is409()
    {
        var rival = "rival" + Guid.NewGuid().ToString("N")[..6];
        using (var bad = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch("main" + rival, "x", competitors: [rival]).ToJsonString()))
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest, rival);
        using (await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(rival, "rivalbrand").ToJsonString())) { }
        using (var ok = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch("main" + rival, "x", competitors: [rival.ToUpperInvariant()]).ToJsonString()))
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var conflict = await _server.Admin.DeleteAsync($"/api/v1/watches/{rival}");
        await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "main" + rival);
    }

    [Test]
    public async Task Campaigns_CrudReportAndTrends()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var body = new JsonObject { ["name"] = "launch", ["watches"] = new JsonArray("acme"), ["start"] = start.ToString("O"), ["end"] = start.AddDays(1).ToString("O") };
        using (var created = await _server.Analyst.PostJsonAsync("/api/v1/campaigns", body.ToJsonString()))
            Assert.That((int)created.StatusCode, Is.InRange(200, 201));
        await _server.Admin.IngestOkAsync(Some.Array(Some.Post("acme is broken", createdAt: start.AddHours(2)), Some.Post("acme love it", createdAt: start.AddHours(3)),
            Some.Post("acme broken before", createdAt: start.AddDays(-7).AddHours(2))));
        var report = await _server.Viewer.GetJsonAsync("/api/v1/campaigns/launch/report");
        Assert.That(((long)report["during"]!["mentions"]!, (double)report["during"]!["negativeShare"]!), Is.EqualTo((2L, 0.5)));
        Assert.That(((long)report["before"]!["mentions"]!, (double)report["before"]!["negativeShare"]!), Is.EqualTo((1L, 1.0)));
        var trends = await _server.Viewer.GetJsonAsync("/api/v1/trends?watch=acme");
        Assert.That(trends["campaigns"]!.AsArray().Select(c => (string?)c!["name"]), Does.Contain("launch"));
        using (var missing = await _server.Viewer.GetAsync("/api/v1/campaigns/nope/report"))
            await missing.AssertProblemAsync(HttpStatusCode.NotFound, "nope");
        using (var deleted = await _server.Analyst.DeleteAsync("/api/v1/campaigns/launch"))
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task SupportEffect_NegativeMentionAnswered_CountsPostsBeforeAndAfter()
    {
        var t = DateTimeOffset.UtcNow.AddDays(-1);
        var run = Guid.NewGuid().ToString("N")[..6];
        var neg = $"neg-{run}";
        await _server.Admin.IngestOkAsync(Some.Array(
            Some.Post("acme is fine", source: "shop", handle: "nora" + run, createdAt: t.AddHours(-5)),
            Some.Post("acme is broken, help", id: neg, source: "shop", handle: "nora" + run, createdAt: t),
            Some.Post("Sorry, fixed now", source: "shop", handle: "acme_support", createdAt: t.AddMinutes(20), inReplyTo: neg),
            Some.Post("acme thanks, works again", source: "shop", handle: "nora" + run, createdAt: t.AddHours(1)),
            Some.Post("acme love the fix", source: "shop", handle: "nora" + run, createdAt: t.AddHours(2))));
        var effect = await _server.Viewer.GetJsonAsync($"/api/v1/support-effect?watch=acme&from={SupportScenario.Iso(t.AddHours(-1))}&to={SupportScenario.Iso(t.AddHours(1))}");
        Assert.That(((int)effect["authors"]!, (int)effect["positiveOrNeutralAfter"]!, (int)effect["positiveOrNeutralBefore"]!), Is.EqualTo((1, 1, 1)));
        Assert.That(((int)effect["counts"]!["mentionsAfter"]!, (int)effect["counts"]!["positiveOrNeutralMentionsAfter"]!), Is.EqualTo((2, 2)));
    }
}
