using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

[TestFixture]
public sealed class IngestApiTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Api:MaxRequestBodyBytes"] = "65536",
        ["Api:MaxPostsPerIngest"] = "100",
        ["Watches:0:Name"] = "voltik",
        ["Watches:0:Query"] = "voltik OR вольтик*",
        ["Watches:0:OwnHandles:0"] = "voltik_app",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Ingest_JsonArray_StoresEveryPostClassifiedAndMatched()
    {
        var source = "arr" + Guid.NewGuid().ToString("N")[..8];
        var posts = Some.Array(
            Some.Post("Voltik charged me twice and support ignores me", source: source),
            Some.Post("Вольтика опять нет у дома, ужасный сервис", source: source, lang: "ru"),
            Some.Post("Nice weather today", source: source));

        var result = await _server.Analyst.IngestOkAsync(posts);

        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(result["duplicates"]!.GetValue<int>(), Is.Zero);
        Assert.That(result["rejected"]!.AsArray(), Is.Empty);
        var page = await _server.Viewer.GetJsonAsync($"/api/v1/mentions?source={source}");
        var items = page["items"]!.AsArray();
        Assert.That(items, Has.Count.EqualTo(3));
        var russian = items.Single(i => i!["text"]!.GetValue<string>().StartsWith("Вольтика"))!;
        Assert.That(russian["watches"]!.AsArray().Select(w => w!.GetValue<string>()), Is.EqualTo(new[] { "voltik" }));
        Assert.That(russian["lang"]!.GetValue<string>(), Is.EqualTo("ru"));
        Assert.That(russian["sentiment"]!["label"]!.GetValue<string>(), Is.AnyOf("negative", "neutral", "positive"));
        var p = russian["sentiment"]!["probabilities"]!;
        Assert.That(p["negative"]!.GetValue<float>() + p["neutral"]!.GetValue<float>() + p["positive"]!.GetValue<float>(), Is.EqualTo(1f).Within(0.01f));
        Assert.That(russian["needsReply"]!["probability"]!.GetValue<float>(), Is.InRange(0f, 1f));
        var weather = items.Single(i => i!["text"]!.GetValue<string>() == "Nice weather today")!;
        Assert.That(weather["watches"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Ingest_Ndjson_StoresEveryLine()
    {
        var source = "nd" + Guid.NewGuid().ToString("N")[..8];
        var body = Some.Ndjson([Some.Post(source: source), Some.Post(source: source)]);

        using var response = await _server.Analyst.PostJsonAsync("/api/v1/ingest", body, "application/x-ndjson");

        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(await _server.Viewer.CountAsync($"&source={source}"), Is.EqualTo(2));
    }

    [Test]
    public async Task Ingest_SamePostTwiceInOneBatchAndAgainLater_StoredOnce()
    {
        var source = "dup" + Guid.NewGuid().ToString("N")[..8];
        var post = Some.Post(source: source, id: "same-id");

        var first = await _server.Analyst.IngestOkAsync(Some.Array(post, post, Some.Post(source: source)));
        var second = await _server.Analyst.IngestOkAsync(Some.Array(post));

        Assert.That(first["accepted"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(first["duplicates"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(second["accepted"]!.GetValue<int>(), Is.Zero);
        Assert.That(second["duplicates"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(await _server.Viewer.CountAsync($"&source={source}"), Is.EqualTo(2));
    }

    [Test]
    public async Task Ingest_SameIdFromAnotherSource_IsNotADuplicate()
    {
        var a = "srca" + Guid.NewGuid().ToString("N")[..8];
        var b = "srcb" + Guid.NewGuid().ToString("N")[..8];

        var result = await _server.Analyst.IngestOkAsync(Some.Array(Some.Post(source: a, id: "42"), Some.Post(source: b, id: "42")));

        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Ingest_MalformedItems_RejectedByIndexRestKept()
    {
        var source = "bad" + Guid.NewGuid().ToString("N")[..8];
        var unknownField = Some.Post(source: source);
        unknownField["colour"] = "red";
        var wrongType = Some.Post(source: source);
        wrongType["text"] = 12345;
        var badDate = Some.Post(source: source);
        badDate["createdAt"] = "yesterday";
        var missingAuthor = Some.Post(source: source);
        missingAuthor.Remove("author");
        var future = Some.Post(source: source, createdAt: DateTimeOffset.UtcNow.AddDays(3));
        var emptyText = Some.Post(source: source, text: "   ");

        var result = await _server.Analyst.IngestOkAsync(Some.Array(
            Some.Post(source: source), unknownField, wrongType, badDate, missingAuthor, future, emptyText, Some.Post(source: source)));

        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(2));
        var rejected = result["rejected"]!.AsArray().ToDictionary(r => r!["index"]!.GetValue<int>(), r => r!["error"]!.GetValue<string>());
        Assert.That(rejected.Keys, Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(rejected[1], Does.Contain("colour"));
        Assert.That(rejected[2], Is.EqualTo("text must be a string (was 12345)."));
        Assert.That(rejected[3], Does.StartWith("createdAt: \"yesterday\" is not a date; use ISO 8601"));
        Assert.That(rejected.Values, Has.None.Contains("System."));
        Assert.That(rejected[4], Does.Contain("author"));
        Assert.That(rejected[5], Does.Contain("future"));
        Assert.That(rejected[6], Does.Contain("text is required"));
        Assert.That(await _server.Viewer.CountAsync($"&source={source}"), Is.EqualTo(2));
    }

    [Test]
    public async Task Ingest_NdjsonLineThatIsNotJson_RejectedByIndexRestKept()
    {
        var source = "ndbad" + Guid.NewGuid().ToString("N")[..8];
        var body = Some.Post(source: source).ToJsonString() + "\n{\"source\": oops\n" + Some.Post(source: source).ToJsonString() + "\n";

        using var response = await _server.Analyst.PostJsonAsync("/api/v1/ingest", body, "application/x-ndjson");

        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(result["rejected"]![0]!["index"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Ingest_InvalidJson_400AndNothingStored()
    {
        var before = await _server.Viewer.CountAsync();
        var body = "[" + Some.Post().ToJsonString() + ", {\"source\": \"x\",";

        using var response = await _server.Analyst.PostJsonAsync("/api/v1/ingest", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "");
        Assert.That(await _server.Viewer.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Ingest_ObjectInsteadOfArray_400NamingTheExpectedShape()
    {
        using var response = await _server.Analyst.PostJsonAsync("/api/v1/ingest", Some.Post().ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "JSON array");
    }

    [Test]
    public async Task Ingest_OversizedBody_413AndNothingStored()
    {
        var before = await _server.Viewer.CountAsync();
        var big = Some.Array(Enumerable.Range(0, 60).Select(_ => (JsonNode)Some.Post(text: new string('x', 2000))).ToArray());

        using var response = await _server.Analyst.PostJsonAsync("/api/v1/ingest", big.ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "larger than");
        Assert.That(await _server.Viewer.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Ingest_MorePostsThanAllowed_413()
    {
        var many = Some.Array(Enumerable.Range(0, 101).Select(_ => (JsonNode)Some.Post(text: "x")).ToArray());

        using var response = await _server.Analyst.PostJsonAsync("/api/v1/ingest", many.ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "at most 100 posts");
    }

    [Test]
    public async Task Ingest_PlainText_415()
    {
        using var response = await _server.Analyst.PostJsonAsync("/api/v1/ingest", "hello", "text/plain");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "application/x-ndjson");
    }

    [Test]
    public async Task Ingest_ViewerKey_403AndNothingStored()
    {
        var source = "viewer" + Guid.NewGuid().ToString("N")[..8];

        using var response = await _server.Viewer.PostJsonAsync("/api/v1/ingest", Some.Array(Some.Post(source: source)).ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "analyst");
        Assert.That(await _server.Viewer.CountAsync($"&source={source}"), Is.Zero);
    }

    [Test]
    public async Task Ingest_BrandsOwnPost_MarkedAsBrandPostNotMention()
    {
        var source = "brand" + Guid.NewGuid().ToString("N")[..8];

        // Brand posts need a key that may claim them (admin always may).
        await _server.Admin.IngestOkAsync(Some.Array(Some.Post("Voltik: new pause feature is live", source: source, handle: "voltik_app")));

        var item = (await _server.Viewer.GetJsonAsync($"/api/v1/mentions?source={source}"))["items"]![0]!;
        Assert.That(item["brandPostOf"]!.AsArray().Select(w => w!.GetValue<string>()), Is.EqualTo(new[] { "voltik" }));
        Assert.That(item["watches"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Ingest_BrandsOwnRequestLikePost_NeedsNoReply()
    {
        var source = "brandreq" + Guid.NewGuid().ToString("N")[..8];
        const string text = "Sorry to everyone affected by the login issue this morning, please update the app and DM us if it still fails";

        await _server.Admin.IngestOkAsync(Some.Array(
            Some.Post(text, source: source, handle: "voltik_app", id: "own"),
            Some.Post("@voltik_app " + text, source: source, handle: "rider42", id: "customer")));

        var items = (await _server.Viewer.GetJsonAsync($"/api/v1/mentions?source={source}"))["items"]!.AsArray();
        var own = items.Single(m => m!["externalId"]!.GetValue<string>() == "own")!;
        Assert.That(own["needsReply"]!["value"]!.GetValue<bool>(), Is.False);
        Assert.That(own["needsReply"]!["probability"]!.GetValue<double>(), Is.Zero);
        // The same words from a customer are scored by the model as usual.
        var customer = items.Single(m => m!["externalId"]!.GetValue<string>() == "customer")!;
        Assert.That(customer["needsReply"]!["probability"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(await _server.Viewer.CountAsync($"&source={source}&needsReply=true"), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public async Task Ingest_Repost_LinksToItsOriginal()
    {
        var source = "rt" + Guid.NewGuid().ToString("N")[..8];

        await _server.Analyst.IngestOkAsync(Some.Array(
            Some.Post("Voltik is great", source: source, id: "orig-1"),
            Some.Post("RT Voltik is great", source: source, id: "rt-1", repostOf: "orig-1")));

        var items = (await _server.Viewer.GetJsonAsync($"/api/v1/mentions?source={source}"))["items"]!.AsArray();
        var repost = items.Single(i => i!["externalId"]!.GetValue<string>() == "rt-1")!;
        Assert.That(repost["repostOf"]!.GetValue<string>(), Is.EqualTo("orig-1"));
    }
}
