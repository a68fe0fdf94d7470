using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>GET /api/v1/insights/complaints on the real server and store, with a keyword classifier so negatives are known.</summary>
[TestFixture]
public sealed class InsightsApiTests
{
    [Test]
    public async Task Complaints_WordsOverRepresentedInNegatives_RankFirstWithoutTheBrandOrStopWords()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Watches:0:Name"] = "acme", ["Watches:0:Query"] = "acme", ["Watches:0:OwnHandles:0"] = "acme_help",
            ["Watches:1:Name"] = "globex", ["Watches:1:Query"] = "globex",
        }, configureServices: KeywordClassifier.Use);
        var posts = new List<JsonNode>();
        // "broken" marks a negative for the keyword classifier; "battery" and "charger" are what the complaints are about.
        for (var i = 0; i < 6; i++) posts.Add(Some.Post($"my acme battery is broken again {i}"));
        for (var i = 0; i < 3; i++) posts.Add(Some.Post($"acme charger broken, the @acme_help team is silent {i}"));
        for (var i = 0; i < 10; i++) posts.Add(Some.Post($"acme scooter ride to the park with the battery full {i}"));
        posts.Add(Some.Post("globex checkout broken broken"));
        await server.Admin.IngestOkAsync(Some.Array([.. posts]));

        var body = await server.Viewer.GetJsonAsync("/api/v1/insights/complaints?watch=ACME&limit=5");

        Assert.That((string?)body["watch"], Is.EqualTo("acme"));
        Assert.That((int)body["negativeMentions"]!, Is.EqualTo(9));
        Assert.That((int)body["mentions"]!, Is.EqualTo(19));
        var terms = body["terms"]!.AsArray().Select(t => (string)t!["term"]!).ToList();
        Assert.That(terms[0], Is.EqualTo("broken"), string.Join(", ", terms));
        Assert.That(terms.Skip(1).Take(3), Is.EquivalentTo(new[] { "charger", "silent", "team" }), "only in negatives, three times each");
        Assert.That(terms, Has.None.EqualTo("battery"), "in 6 of 9 negatives but 16 of 19 mentions: less common among complaints than overall");
        Assert.That(terms, Has.None.EqualTo("acme").And.None.EqualTo("the").And.None.EqualTo("acme_help").And.None.EqualTo("checkout"));
        var charger = body["terms"]!.AsArray().Single(t => (string)t!["term"]! == "charger")!;
        Assert.That((int)charger["negative"]!, Is.EqualTo(3));
        Assert.That((int)charger["all"]!, Is.EqualTo(3));
        var example = await server.Viewer.GetJsonAsync($"/api/v1/mentions/{(long)charger["exampleMentionId"]!}");
        Assert.That((string)example["text"]!, Does.Contain("charger"));
    }

    [Test]
    public async Task Complaints_UnknownWatchOrBadArguments_AreProblems()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Watches:0:Name"] = "acme", ["Watches:0:Query"] = "acme" });

        using var unknown = await server.Viewer.GetAsync("/api/v1/insights/complaints?watch=nope");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "No watch named 'nope'");
        using var bad = await server.Viewer.GetAsync("/api/v1/insights/complaints?watch=acme&limit=0&from=yesterday");
        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "limit", "from" }));
        using var anonymous = await server.NewClient(null).GetAsync("/api/v1/insights/complaints");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
