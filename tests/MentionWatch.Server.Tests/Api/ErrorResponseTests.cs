using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>Every error is a ProblemDetails whose detail a user understands.</summary>
[TestFixture]
public sealed class ErrorResponseTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Mentions_43KbQuery_414ProblemNamingTheParameterAndLimit()
    {
        var q = string.Join(" OR ", Enumerable.Range(0, 4_300).Select(i => $"w{i % 10_000:0000}")).PadRight(43_000, 'x')[..43_000];

        using var response = await _server.Viewer.GetAsync("/api/v1/mentions?q=" + Uri.EscapeDataString(q));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "Parameter 'q' alone is");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Api:MaxUrlLength"));
        Assert.That(problem["parameter"]!.GetValue<string>(), Is.EqualTo("q"));
    }

    [Test]
    public async Task Mention_NonNumericId_400ProblemSayingWhatAnIdIs()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/mentions/abc");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "'abc' is not a mention id");
    }

    [Test]
    public async Task Mention_UnknownNumericId_404Problem()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/mentions/123");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "No mention with id 123");
    }

    [Test]
    public async Task UnknownRoute_404ProblemNamingIt()
    {
        using var response = await _server.Admin.GetAsync("/api/v1/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "No route matches GET /api/v1/nothing-here");
    }

    [Test]
    public async Task WrongMethod_405ProblemNamingIt()
    {
        using var response = await _server.Admin.PatchAsync("/api/v1/watches", new StringContent("{}"));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "PATCH is not allowed on /api/v1/watches");
    }

    [Test]
    public async Task Ingest_WrongTypes_RejectionsNameFieldAndValueWithoutTypeNames()
    {
        var source = "types" + Guid.NewGuid().ToString("N")[..8];
        var badDate = Some.Post(source: source);
        badDate["createdAt"] = "last tuesday";
        var numberHandle = Some.Post(source: source);
        numberHandle["author"]!["handle"] = 42;
        var stringFollowers = Some.Post(source: source);
        stringFollowers["author"]!["followers"] = "many";
        var missing = new JsonObject { ["source"] = source, ["id"] = Some.Id(), ["text"] = "hi" };

        var result = await _server.Analyst.IngestOkAsync(Some.Array(badDate, numberHandle, stringFollowers, missing));

        Assert.That(result["accepted"]!.GetValue<int>(), Is.Zero);
        var errors = result["rejected"]!.AsArray().Select(r => r!["error"]!.GetValue<string>()).ToList();
        Assert.That(errors[0], Is.EqualTo("createdAt: \"last tuesday\" is not a date; use ISO 8601, e.g. 2026-11-22T08:00:00Z."));
        Assert.That(errors[1], Is.EqualTo("author.handle must be a string (was 42)."));
        Assert.That(errors[2], Is.EqualTo("author.followers must be a whole number (was \"many\")."));
        Assert.That(errors[3], Is.EqualTo("missing required fields: createdAt, author."));
        Assert.That(errors, Has.None.Contains("System.").And.None.Contains("MentionWatch."));
        Assert.That(await _server.Viewer.CountAsync($"&source={source}"), Is.Zero);
    }

    [Test]
    public async Task Swagger_EveryOperation_HasSummaryAndDocumentedProblemResponses()
    {
        var doc = await _server.Anonymous.GetJsonAsync("/swagger/v1/swagger.json");

        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "delete")
            .Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!))).ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(14));
        foreach (var (path, method, operation) in operations)
        {
            Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{method} {path} summary");
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
            var responses = operation["responses"]!.AsObject();
            Assert.That(responses.Select(r => r.Key), Does.Contain("401").And.Contain("429"), $"{method} {path}");
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                Assert.That(response!["content"]!["application/problem+json"], Is.Not.Null, $"{method} {path} {status}");
        }
        var responsesOf = (string path, string method) => operations.Single(o => o.Path == path && o.Method == method).Operation["responses"]!.AsObject().Select(r => r.Key);
        Assert.That(responsesOf("/api/v1/watches", "post"), Is.SupersetOf(new[] { "400", "401", "403", "409", "413", "415", "429" }));
        Assert.That(responsesOf("/api/v1/ingest", "post"), Is.SupersetOf(new[] { "400", "401", "403", "413", "415", "429", "503" }));
        Assert.That(responsesOf("/api/v1/mentions", "get"), Is.SupersetOf(new[] { "400", "401", "404", "414", "429" }));
        Assert.That(responsesOf("/api/v1/audit", "get"), Does.Contain("403"));
    }
}
