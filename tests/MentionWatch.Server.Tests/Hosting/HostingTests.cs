using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Tests.Hosting;

[TestFixture]
public sealed class HostingTests
{
    [Test]
    public async Task Start_SeveralBadSettings_FailsListingEveryProblem()
    {
        var app = TestServer.Build(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = TempDirectory.Create("store"),
            ["Auth:Keys:bob:Key"] = "short",
            ["Auth:Keys:bob:Role"] = "owner",
            ["Pipeline:ChannelCapacity"] = "0",
        });
        await using var _ = app;

        var ex = Assert.CatchAsync(() => app.StartAsync());

        var problems = MentionWatchEndpoints.ConfigurationProblems(ex!);
        Assert.That(problems, Has.Some.Contains("Auth:AdminKey is required"));
        Assert.That(problems, Has.Some.Contains("Auth:Keys:bob:Key must be at least 16"));
        Assert.That(problems, Has.Some.Contains("Auth:Keys:bob:Role must be one of viewer, analyst, admin"));
        Assert.That(problems, Has.Some.StartsWith("Pipeline:ChannelCapacity: "));
    }

    [Test]
    public async Task Start_InvalidConfiguredWatch_FailsNamingIt()
    {
        var app = TestServer.Build(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = TempDirectory.Create("store"),
            ["Auth:AdminKey"] = TestServer.AdminKey,
            ["Watches:0:Name"] = "broken",
            ["Watches:0:Query"] = "(a OR b",
        });
        await using var _ = app;

        var ex = Assert.CatchAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.That(ex!.Failures.Single(), Does.StartWith("Watches:0 (broken)").And.Contains("position"));
    }

    [Test]
    public async Task Start_MissingModelFile_FailsNamingTheFile()
    {
        var missing = Path.Combine(TempDirectory.Create("models"), "nope.mwm");
        var app = TestServer.Build(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = TempDirectory.Create("store"),
            ["Auth:AdminKey"] = TestServer.AdminKey,
            ["Classification:SentimentModelPath"] = missing,
        });
        await using var _ = app;

        var ex = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(ex!.ToString(), Does.Contain(missing));
    }

    [Test]
    public async Task Swagger_Document_ListsEveryApiPathAndTheKeyScheme()
    {
        await using var server = await TestServer.StartAsync();

        var doc = await server.Anonymous.GetJsonAsync("/swagger/v1/swagger.json");
        using var ui = await server.Anonymous.GetAsync("/swagger/index.html");

        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/watches", "/api/v1/watches/{name}", "/api/v1/ingest", "/api/v1/mentions", "/api/v1/mentions/{id}",
            "/api/v1/trends", "/api/v1/share-of-voice", "/api/v1/export", "/api/v1/sources",
        }));
        Assert.That(doc["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>(), Is.EqualTo("X-Api-Key"));
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task UnknownRoute_404ProblemDetails()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Admin.GetAsync("/api/v1/nothing-here");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>(), Is.EqualTo(404));
    }
}
