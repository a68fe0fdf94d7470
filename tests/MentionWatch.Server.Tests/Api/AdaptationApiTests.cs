using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>
/// Per-watch adaptation on the real server with the shipped models: learnt from 30 corrections of one watch, applied to
/// that watch's new single-watch mentions only, kept across a restart, rolled back with one call, refused when it does
/// not beat the shipped model. (A bad correction getting 400/404 and changing nothing is CorrectionsApiTests.Labels_BadInput_ChangesNothing.)
/// </summary>
[TestFixture]
public sealed class AdaptationApiTests
{
    private static readonly string[] Items = ["scooter", "helmet", "charger", "battery", "lock", "brake", "bell", "phone mount", "seat", "kickstand", "headlight", "app", "throttle", "display", "wheel"];
    private static readonly string[] Places = ["park", "office", "river", "station", "museum", "market", "beach"];

    private static string Sarcasm(int i, string brand) => $"Lovely, my {Items[i % Items.Length]} from {brand} broke again after {2 + i % 7} days. Great job.";
    private static string Chatter(int i, string brand) => $"Took a {brand} ride to the {Places[i % Places.Length]} with friend number {i} this afternoon";

    private static readonly Dictionary<string, string?> Watches = new()
    {
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
        ["Watches:1:Name"] = "beta",
        ["Watches:1:Query"] = "betaco",
        ["Watches:2:Name"] = "gamma",
        ["Watches:2:Query"] = "gammaride",
        ["Watches:3:Name"] = "delta",
        ["Watches:3:Query"] = "deltaco",
        ["Watches:4:Name"] = "epsilon",
        ["Watches:4:Query"] = "epsilonco",
    };

    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(Watches);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    /// <summary>Ingests the texts as new posts of a source and returns their stored mentions, in order.</summary>
    private static async Task<List<JsonNode>> IngestAsync(TestServer server, IReadOnlyList<string> texts)
    {
        var source = "adapt-" + Guid.NewGuid().ToString("N")[..8];
        var ids = texts.Select(_ => Some.Id("a")).ToList();
        await server.Admin.IngestOkAsync(Some.Array([.. texts.Select((t, i) => Some.Post(t, id: ids[i], source: source))]));
        var page = await server.Viewer.GetJsonAsync($"/api/v1/mentions?source={source}&limit=1000");
        var byId = page["items"]!.AsArray().ToDictionary(m => (string)m!["externalId"]!, m => m!);
        return ids.Select(id => byId[id]).ToList();
    }

    private static string Scores(JsonNode mention) => mention["sentiment"]!.ToJsonString() + mention["needsReply"]!.ToJsonString();
    private static string Label(JsonNode mention) => (string)mention["sentiment"]!["label"]!;

    private static async Task<int> CorrectAsync(TestServer server, JsonNode mention, string? sentiment, bool? needsReply)
    {
        var body = new JsonObject();
        if (sentiment is not null) body["sentiment"] = sentiment;
        if (needsReply is not null) body["needsReply"] = needsReply;
        using var put = await server.Analyst.PutJsonAsync($"/api/v1/mentions/{(long)mention["id"]!}/labels", body.ToJsonString());
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await put.ReadAsAsync<JsonObject>())["recorded"]!.AsArray().Count;
    }

    private static async Task<JsonNode> TrainAsync(TestServer server, string watch)
    {
        using var post = await server.Analyst.PostAsync($"/api/v1/watches/{watch}/adaptation", null);
        var text = await post.Content.ReadAsStringAsync();
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!;
    }

    [Test]
    public async Task Adaptation_ThirtyCorrections_ChangeThatWatchOnlySurviveRestartAndRollBack()
    {
        var store = TempDirectory.Create("adapt-store");
        var server = await TestServer.StartAsync(Watches, store);
        try
        {
            var corrected = await IngestAsync(server, [.. Enumerable.Range(0, 30).Select(i => Sarcasm(i, "acme")), .. Enumerable.Range(0, 20).Select(i => Chatter(i, "acme"))]);
            // Unseen posts like the corrected ones, of acme, of beta only, and of both watches: scored before any adaptation.
            string[] probe = [.. Enumerable.Range(40, 10).Select(i => Sarcasm(i * 3 + 1, "acme")), .. Enumerable.Range(40, 10).Select(i => Sarcasm(i * 3 + 1, "betaco")),
                .. Enumerable.Range(40, 5).Select(i => Sarcasm(i, "acme and betaco"))];
            var shipped = await IngestAsync(server, probe);
            Assert.That(shipped.Take(10).Count(m => Label(m) == "negative"), Is.LessThanOrEqualTo(2), "the shipped model misreads the sarcasm (the premise of this test)");

            int recorded = 0;
            foreach (var m in corrected.Take(30)) recorded += await CorrectAsync(server, m, "negative", true);
            Assert.That(recorded, Is.GreaterThanOrEqualTo(20));

            var trained = await TrainAsync(server, "acme");
            TestContext.Out.WriteLine(trained.ToJsonString());
            Assert.That((string?)trained["state"], Is.EqualTo("active"));
            Assert.That((bool)trained["sentiment"]!["used"]!, Is.True, (string?)trained["sentiment"]!["reason"]);
            Assert.That((int)trained["sentiment"]!["corrections"]!, Is.EqualTo(30));
            Assert.That((double)trained["sentiment"]!["adapted"]!["accuracy"]!, Is.GreaterThan((double)trained["sentiment"]!["shipped"]!["accuracy"]!));
            Assert.That((double)trained["sentiment"]!["adapted"]!["macroF1"]!, Is.GreaterThan((double)trained["sentiment"]!["shipped"]!["macroF1"]!));
            Assert.That((int)trained["correctionsUsed"]!, Is.EqualTo(recorded));
            Assert.That((string?)trained["trainedBy"], Is.EqualTo("analyst"));
            Assert.That((double)trained["trainingSeconds"]!, Is.LessThan(10));

            var acme = await server.Viewer.GetJsonAsync("/api/v1/watches/ACME");
            Assert.That((string?)acme["adaptation"]!["state"], Is.EqualTo("active"));
            Assert.That(acme["adaptation"]!["trainedAt"], Is.Not.Null);
            Assert.That((string?)(await server.Viewer.GetJsonAsync("/api/v1/watches/beta"))["adaptation"]!["state"], Is.EqualTo("none"));

            var adapted = await IngestAsync(server, probe);
            Assert.That(adapted.Take(10).Count(m => Label(m) == "negative"), Is.GreaterThanOrEqualTo(8), "acme's new sarcastic posts follow its corrections");
            Assert.That(adapted.Skip(10).Select(Scores), Is.EqualTo(shipped.Skip(10).Select(Scores)), "beta's mentions and mentions of both watches keep the shipped scores exactly");

            await server.DisposeAsync();
            server = await TestServer.StartAsync(Watches, store);
            Assert.That((string?)(await server.Viewer.GetJsonAsync("/api/v1/watches/acme"))["adaptation"]!["state"], Is.EqualTo("active"));
            var afterRestart = await IngestAsync(server, probe);
            Assert.That(afterRestart.Select(Scores), Is.EqualTo(adapted.Select(Scores)), "the stored adaptation scores as before the restart");

            using (var rollback = await server.Analyst.DeleteAsync("/api/v1/watches/acme/adaptation"))
                Assert.That(rollback.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((string?)(await server.Viewer.GetJsonAsync("/api/v1/watches/acme"))["adaptation"]!["state"], Is.EqualTo("none"));
            var rolledBack = await IngestAsync(server, probe);
            Assert.That(rolledBack.Select(Scores), Is.EqualTo(shipped.Select(Scores)), "rollback restores the shipped scores");
            using (var again = await server.Analyst.DeleteAsync("/api/v1/watches/acme/adaptation"))
                await again.AssertProblemAsync(HttpStatusCode.NotFound, "no adaptation");
        }
        finally
        {
            await server.DisposeAsync();
            TempDirectory.Delete(store);
        }
    }

    [Test]
    public async Task Adaptation_SamePostCorrectedBothWays_IsRejectedAndChangesNoScore()
    {
        const string text = "Took a gammaride to work today, the usual gammaride";
        var posts = await IngestAsync(_server, [.. Enumerable.Repeat(text, 31)]);
        var baseline = posts[30];
        string shippedLabel = Label(baseline);
        bool shippedReply = (bool)baseline["needsReply"]!["value"]!;
        var others = new[] { "negative", "neutral", "positive" }.Where(l => l != shippedLabel).ToArray();
        for (int i = 0; i < 30; i++)
        {
            // Agents disagree: a third each of the copies end on every sentiment label, half on each needs-reply value.
            await CorrectAsync(_server, posts[i], i < 20 ? others[i % 2] : others[0], !shippedReply);
            if (i >= 20) await CorrectAsync(_server, posts[i], shippedLabel, null);
            if (i % 2 == 0) await CorrectAsync(_server, posts[i], null, shippedReply);
        }

        var trained = await TrainAsync(_server, "gamma");
        TestContext.Out.WriteLine(trained.ToJsonString());
        Assert.That((string?)trained["state"], Is.EqualTo("rejected"));
        Assert.That((bool)trained["sentiment"]!["used"]!, Is.False);
        Assert.That((string?)trained["sentiment"]!["reason"], Does.StartWith("not used"));
        Assert.That((bool)trained["needsReply"]!["used"]!, Is.False);
        Assert.That((double)trained["needsReply"]!["adapted"]!["accuracy"]!, Is.LessThanOrEqualTo((double)trained["needsReply"]!["shipped"]!["accuracy"]!));
        Assert.That((string?)(await _server.Viewer.GetJsonAsync("/api/v1/watches/gamma"))["adaptation"]!["state"], Is.EqualTo("rejected"));
        var after = await IngestAsync(_server, [text]);
        Assert.That(Scores(after[0]), Is.EqualTo(Scores(baseline)), "a rejected adaptation is not applied");
    }

    [Test]
    public async Task Adaptation_TooFewCorrections_IsRejectedWithTheMinimum()
    {
        var posts = await IngestAsync(_server, [.. Enumerable.Range(0, 5).Select(i => Sarcasm(i, "deltaco"))]);
        foreach (var m in posts) await CorrectAsync(_server, m, Label(m) == "negative" ? "positive" : "negative", null);
        var trained = await TrainAsync(_server, "delta");
        Assert.That((string?)trained["state"], Is.EqualTo("rejected"));
        Assert.That((string?)trained["sentiment"]!["reason"], Is.EqualTo("only 5 sentiment corrections; at least 20 are needed"));
    }

    [Test]
    public async Task DeleteWatch_WithAnActiveAdaptation_DeletesItSoARecreatedWatchStartsShipped()
    {
        var posts = await IngestAsync(_server, [.. Enumerable.Range(0, 25).Select(i => Sarcasm(i, "epsilonco"))]);
        foreach (var m in posts) await CorrectAsync(_server, m, "negative", null);
        Assert.That((string?)(await TrainAsync(_server, "epsilon"))["state"], Is.EqualTo("active"));

        using (var delete = await _server.Admin.DeleteAsync("/api/v1/watches/epsilon"))
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using (var create = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch("epsilon", "epsilonco").ToJsonString()))
            Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)(await _server.Viewer.GetJsonAsync("/api/v1/watches/epsilon"))["adaptation"]!["state"], Is.EqualTo("none"));
    }

    [Test]
    public async Task Adaptation_ViewerOrUnknownWatch_403And404()
    {
        using (var viewer = await _server.Viewer.PostAsync("/api/v1/watches/acme/adaptation", null))
            Assert.That(viewer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using (var viewerDelete = await _server.Viewer.DeleteAsync("/api/v1/watches/acme/adaptation"))
            Assert.That(viewerDelete.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using (var unknown = await _server.Analyst.PostAsync("/api/v1/watches/nope/adaptation", null))
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "nope");
        using (var get = await _server.Viewer.GetAsync("/api/v1/watches/nope/adaptation"))
            await get.AssertProblemAsync(HttpStatusCode.NotFound, "nope");
        Assert.That((string?)(await _server.Viewer.GetJsonAsync("/api/v1/watches/acme/adaptation"))["state"], Is.EqualTo("none"));
    }
}
