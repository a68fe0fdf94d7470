using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>"Why was this flagged" on the shipped models, label corrections with who and when, and their training export.</summary>
[TestFixture]
public sealed class CorrectionsApiTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
        ["Watches:0:OwnHandles:0"] = "acme_support",
        ["Watches:1:Name"] = "beta",
        ["Watches:1:Query"] = "betaco",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<long> NewMentionAsync(string text, string handle = "ivy")
    {
        var id = Some.Id("c");
        // Brand posts need a key that may claim them (admin always may).
        await _server.Admin.IngestOkAsync(Some.Array(Some.Post(text, id: id, source: "forum", handle: handle)));
        var page = await _server.Viewer.GetJsonAsync("/api/v1/mentions?source=forum&limit=200");
        return (long)page["items"]!.AsArray().Single(m => (string?)m!["externalId"] == id)!["id"]!;
    }

    private Task<HttpResponseMessage> LabelAsync(long id, string json, HttpClient? client = null) =>
        (client ?? _server.Analyst).PutJsonAsync($"/api/v1/mentions/{id}/labels", json);

    [Test]
    public async Task Explain_AComplaint_NamesItsWordsBehindNeedsReplyAndSentiment()
    {
        var id = await NewMentionAsync("@acme my refund never arrived, where is my money? please help");
        var e = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}/explain");
        var reasons = e["needsReply"]!.AsArray();
        Assert.That(reasons, Is.Not.Empty);
        Assert.That(reasons.Select(r => (double)r!["weight"]!), Is.Ordered.Descending);
        Assert.That(reasons.All(r => ((string?)r!["reason"])!.Length > 0 && (double)r["weight"]! > 0));
        Assert.That(reasons.Select(r => (string?)r!["reason"]), Has.Some.Contains("'"), "reasons quote words, e.g. the word 'refund'");
        Assert.That((string?)e["sentiment"]!["label"], Is.AnyOf("negative", "neutral", "positive"));
        Assert.That(e["sentiment"]!["reasons"]!.AsArray(), Is.Not.Empty);
        Assert.That(e["brandPostRule"], Is.Null);

        var inline = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}?explain=true");
        Assert.That(inline["explanation"]!["needsReply"]!.ToJsonString(), Is.EqualTo(reasons.ToJsonString()));
        var plain = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}");
        Assert.That(plain["explanation"], Is.Null);
    }

    [Test]
    public async Task Explain_ABrandPost_ShowsTheBrandPostRule()
    {
        var id = await NewMentionAsync("acme: please update the app today, can you check your settings?", handle: "acme_support");
        var e = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}/explain");
        Assert.That(e["brandPostRule"]!["brandPostOf"]!.AsArray().Select(b => (string?)b), Is.EqualTo(new[] { "acme" }));
        Assert.That((string?)e["brandPostRule"]!["rule"], Does.Contain("never needs"));
    }

    [Test]
    public async Task Explain_UnknownOrBadId_404And400()
    {
        using (var unknown = await _server.Viewer.GetAsync("/api/v1/mentions/999999/explain"))
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "999999");
        using (var inline = await _server.Viewer.GetAsync("/api/v1/mentions/999999?explain=true"))
            await inline.AssertProblemAsync(HttpStatusCode.NotFound, "999999");
        using (var bad = await _server.Viewer.GetAsync("/api/v1/mentions/abc/explain"))
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "abc");
        var id = await NewMentionAsync("acme is fine");
        using var flag = await _server.Viewer.GetAsync($"/api/v1/mentions/{id}?explain=maybe");
        await flag.AssertProblemAsync(HttpStatusCode.BadRequest, "explain");
    }

    [Test]
    public async Task Labels_Corrected_StoredWithWhoOldNewAndSearchable()
    {
        var id = await NewMentionAsync("acme delivered my order on tuesday");
        var before = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}");
        var oldSentiment = (string?)before["sentiment"]!["label"];
        var newSentiment = oldSentiment == "negative" ? "positive" : "negative";
        var oldReply = (bool)before["needsReply"]!["value"]!;
        using (var put = await LabelAsync(id, $$"""{"sentiment":"{{newSentiment}}","needsReply":{{(!oldReply).ToString().ToLowerInvariant()}},"note":"sarcasm"}"""))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var body = await put.ReadAsAsync<JsonObject>();
            Assert.That((string?)body["mention"]!["sentiment"]!["label"], Is.EqualTo(newSentiment));
            Assert.That(body["recorded"]!.AsArray(), Has.Count.EqualTo(2));
        }
        var after = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}");
        Assert.That(((string?)after["sentiment"]!["label"], (bool)after["needsReply"]!["value"]!), Is.EqualTo((newSentiment, !oldReply)));
        var found = await _server.Viewer.GetJsonAsync($"/api/v1/mentions?source=forum&sentiment={newSentiment}&limit=200");
        Assert.That(found["items"]!.AsArray().Select(m => (long)m!["id"]!), Does.Contain(id), "the search index follows the corrected label");

        var history = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}/history");
        var corrections = history["corrections"]!.AsArray();
        Assert.That(corrections.Select(c => ((string?)c!["field"], (string?)c["oldValue"], (string?)c["newValue"], (string?)c["who"], (string?)c["note"])),
            Is.EqualTo(new[]
            {
                ("sentiment", oldSentiment, newSentiment, "analyst", "sarcasm"),
                ("needsReply", oldReply ? "true" : "false", oldReply ? "false" : "true", "analyst", "sarcasm"),
            }));
        Assert.That(corrections.All(c => c!["at"] is not null));

        using (var same = await LabelAsync(id, $$"""{"sentiment":"{{newSentiment}}"}"""))
            Assert.That((await same.ReadAsAsync<JsonObject>())["recorded"]!.AsArray(), Is.Empty, "the same label again records nothing");
    }

    [Test]
    public async Task Labels_BadInput_ChangesNothing()
    {
        var id = await NewMentionAsync("acme app is slow today");
        var before = (await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}")).ToJsonString();
        using (var label = await LabelAsync(id, """{"sentiment":"angry","needsReply":true}"""))
            await label.AssertProblemAsync(HttpStatusCode.BadRequest, "angry");
        using (var field = await LabelAsync(id, """{"sarcasm":true}"""))
            await field.AssertProblemAsync(HttpStatusCode.BadRequest, "sarcasm");
        using (var type = await LabelAsync(id, """{"needsReply":"yes"}"""))
            await type.AssertProblemAsync(HttpStatusCode.BadRequest, "needsReply");
        using (var empty = await LabelAsync(id, "{}"))
            await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "needsReply");
        using (var unknown = await LabelAsync(999_999, """{"sentiment":"neutral"}"""))
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "999999");
        using (var viewer = await LabelAsync(id, """{"sentiment":"neutral"}""", _server.Viewer))
            Assert.That(viewer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}")).ToJsonString(), Is.EqualTo(before));
        Assert.That((await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{id}/history"))["corrections"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Corrections_TsvExport_IsTheTrainingFormatPerWatch()
    {
        var a = await NewMentionAsync("acme\tcard declined\nagain");
        var b = await NewMentionAsync("betaco has a new logo");
        var aReply = (bool)(await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{a}"))["needsReply"]!["value"]!;
        using (await LabelAsync(a, """{"sentiment":"neutral"}""")) { }
        using (await LabelAsync(a, $$"""{"sentiment":"negative","needsReply":{{(!aReply).ToString().ToLowerInvariant()}}}""")) { }
        var bReply = (bool)(await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{b}"))["needsReply"]!["value"]!;
        using (await LabelAsync(b, $$"""{"needsReply":{{(!bReply).ToString().ToLowerInvariant()}},"sentiment":"positive"}""")) { }

        using var response = await _server.Viewer.GetAsync("/api/v1/corrections?watch=acme&format=tsv");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/tab-separated-values"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("text\tlabel\ttask"));
        Assert.That(lines.Skip(1), Does.Contain("acme card declined again\tnegative\tsentiment"), "latest correction wins; tabs and line breaks flattened");
        Assert.That(lines.Skip(1), Does.Contain($"acme card declined again\t{(aReply ? 0 : 1)}\tneeds-reply"));
        Assert.That(lines.Any(l => l.Contains("betaco")), Is.False, "only the watch asked for");

        var json = await _server.Viewer.GetJsonAsync("/api/v1/corrections?watch=beta&task=needs-reply");
        Assert.That(json.AsArray().Select(r => ((long)r!["mentionId"]!, (string?)r["label"])), Is.EqualTo(new[] { (b, bReply ? "0" : "1") }));
        using (var unknown = await _server.Viewer.GetAsync("/api/v1/corrections?watch=nope"))
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "nope");
        using (var format = await _server.Viewer.GetAsync("/api/v1/corrections?format=csv"))
            await format.AssertProblemAsync(HttpStatusCode.BadRequest, "format");
    }
}
