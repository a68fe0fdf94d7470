using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>Triage moves, 409 with the allowed moves, history with who and why, corrections, 404s, and the audit log.</summary>
[TestFixture]
public sealed class TriageApiTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(SupportScenario.Settings(), configureServices: KeywordClassifier.Use);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<long> NewMentionAsync(string text = "acme login broken, help")
    {
        var id = Some.Id("t");
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post(text, id: id, source: "forum", handle: "ivy")));
        var page = await _server.Viewer.GetJsonAsync("/api/v1/mentions?source=forum&limit=200");
        return (long)page["items"]!.AsArray().Single(m => (string?)m!["externalId"] == id)!["id"]!;
    }

    private Task<HttpResponseMessage> MoveAsync(long id, string json, HttpClient? client = null) =>
        (client ?? _server.Analyst).PostJsonAsync($"/api/v1/mentions/{id}/triage", json);

    [Test]
    public async Task Triage_ResolvedThenAssigned_Is409NamingReopened()
    {
        var id = await NewMentionAsync();
        using (var resolved = await MoveAsync(id, """{"state":"resolved","note":"fixed"}"""))
            Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var assign = await MoveAsync(id, """{"state":"assigned","assignee":"kim"}""");
        var problem = await assign.AssertProblemAsync(HttpStatusCode.Conflict, "reopened");
        Assert.That(problem["allowed"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { "reopened" }));
        Assert.That((string?)problem["current"], Is.EqualTo("resolved"));

        using (var reopen = await MoveAsync(id, """{"state":"reopened","note":"customer wrote again"}"""))
            Assert.That((string?)(await reopen.ReadAsAsync<JsonObject>())["triage"], Is.EqualTo("new"));
        using (var again = await MoveAsync(id, """{"state":"assigned","team":"billing","assignee":"kim","note":"billing question"}"""))
        {
            var body = await again.ReadAsAsync<JsonObject>();
            Assert.That(((string?)body["triage"], (string?)body["team"], (string?)body["assignee"]), Is.EqualTo(("assigned", "billing", "kim")));
        }
    }

    [Test]
    public async Task History_EveryChange_WhoWhenWhy()
    {
        var id = await NewMentionAsync();
        using (await MoveAsync(id, """{"state":"assigned","assignee":"lee","note":"first line"}""")) { }
        using (await MoveAsync(id, """{"state":"replied","note":"answered by e-mail"}""", _server.Admin)) { }
        var history = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}/history");
        var entries = history["history"]!.AsArray().Where(e => (string?)e!["who"] != "routing").ToList();
        Assert.That(entries.Select(e => ((string?)e!["who"], (string?)e["from"], (string?)e["to"], (string?)e["note"])), Is.EqualTo(new[]
        {
            ("analyst", "assigned", "assigned", "first line"),
            ("admin", "assigned", "replied", "answered by e-mail"),
        }), "the routing entry (acme -> team general) came first");
        Assert.That((string?)history["history"]![0]!["who"], Is.EqualTo("routing"));
        Assert.That(entries.All(e => e!["at"] is not null));
    }

    [Test]
    public async Task Ignored_RecordsANeedsReplyCorrection()
    {
        var id = await NewMentionAsync();
        using (var ignore = await MoveAsync(id, """{"state":"ignored","note":"a joke, no reply needed"}"""))
            Assert.That(ignore.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var history = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}/history");
        var correction = history["corrections"]!.AsArray().Single()!;
        Assert.That(((string?)correction["field"], (string?)correction["oldValue"], (string?)correction["newValue"], (string?)correction["who"]),
            Is.EqualTo(("needsReply", "true", "false", "analyst")));
    }

    [Test]
    public async Task Triage_BadInput_404sAnd400s()
    {
        var id = await NewMentionAsync();
        using (var team = await MoveAsync(id, """{"state":"assigned","team":"nobody"}"""))
            await team.AssertProblemAsync(HttpStatusCode.NotFound, "nobody");
        using (var mention = await MoveAsync(999_999, """{"state":"resolved"}"""))
            await mention.AssertProblemAsync(HttpStatusCode.NotFound, "999999");
        using (var state = await MoveAsync(id, """{"state":"done"}"""))
            await state.AssertProblemAsync(HttpStatusCode.BadRequest, "reopened");
        using (var viewer = await MoveAsync(id, """{"state":"resolved"}""", _server.Viewer))
            Assert.That(viewer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using (var history = await _server.Viewer.GetAsync("/api/v1/mentions/999999/history"))
            await history.AssertProblemAsync(HttpStatusCode.NotFound, "999999");
        foreach (var path in new[] { "/api/v1/mentions?team=nobody", "/api/v1/export?team=nobody", "/api/v1/mentions/stream?team=nobody" })
        {
            using var unknownTeam = await _server.Analyst.GetAsync(path);
            await unknownTeam.AssertProblemAsync(HttpStatusCode.NotFound, "billing");
        }
        var billing = await _server.Viewer.GetJsonAsync("/api/v1/mentions?team=BILLING");
        Assert.That(billing["items"]!.AsArray(), Is.Not.Null, "a known team in any case is accepted");
    }

    [Test]
    public async Task Triage_EveryChange_IsAudited()
    {
        var id = await NewMentionAsync();
        using (await MoveAsync(id, """{"state":"resolved","note":"ok"}""")) { }
        using (await MoveAsync(id, """{"state":"assigned","assignee":"x"}""")) { }
        var audit = await _server.Admin.GetJsonAsync("/api/v1/audit?limit=1000");
        var mine = audit["items"]!.AsArray().Where(e => ((string?)e!["target"])?.StartsWith($"mention {id} ") == true).ToList();
        Assert.That(mine.Select(e => ((string?)e!["actor"], (int)e["status"]!, (string?)e["route"])), Is.EquivalentTo(new[]
        {
            ("analyst", 200, "/api/v1/mentions/{id}/triage"),
            ("analyst", 409, "/api/v1/mentions/{id}/triage"),
        }));
    }
}
