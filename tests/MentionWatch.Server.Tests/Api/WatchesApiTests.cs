using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

[TestFixture]
public sealed class WatchesApiTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Watches:0:Name"] = "configured",
        ["Watches:0:Query"] = "brewbird OR брюберд*",
        ["Watches:0:OwnHandles:0"] = "brewbird",
        ["Watches:0:Competitors:0"] = "rival",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Test]
    public async Task List_ConfiguredWatch_IsSeededWithItsFields()
    {
        var watches = (await _server.Viewer.GetJsonAsync("/api/v1/watches")).AsArray();

        var configured = watches.Single(w => w!["name"]!.GetValue<string>() == "configured")!;
        Assert.That(configured["query"]!.GetValue<string>(), Is.EqualTo("brewbird OR брюберд*"));
        Assert.That(configured["ownHandles"]![0]!.GetValue<string>(), Is.EqualTo("brewbird"));
        Assert.That(configured["competitors"]![0]!.GetValue<string>(), Is.EqualTo("rival"));
    }

    [Test]
    public async Task Restart_ConfiguredWatchDeletedThroughTheApi_StaysDeleted()
    {
        var settings = new Dictionary<string, string?> { ["Watches:0:Name"] = "seeded", ["Watches:0:Query"] = "voltik" };
        var storePath = TempDirectory.Create("store");
        await using (var first = await TestServer.StartAsync(settings, storePath))
        {
            using var deleted = await first.Admin.DeleteAsync("/api/v1/watches/seeded");
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        try
        {
            await using var second = await TestServer.StartAsync(settings, storePath);

            using var got = await second.Viewer.GetAsync("/api/v1/watches/seeded");
            Assert.That(got.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "configuration seeds a watch once; the API's delete wins");
        }
        finally
        {
            TempDirectory.Delete(storePath);
        }
    }

    [Test]
    public async Task Create_ThenGet_ReturnsTheWatch()
    {
        var name = Unique("w");

        using var created = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(name, "\"pause feature\" OR #voltik", ["@voltik_app"], ["configured"]).ToJsonString());

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/watches/{name}"));
        var got = await _server.Viewer.GetJsonAsync($"/api/v1/watches/{name}");
        Assert.That(got["query"]!.GetValue<string>(), Is.EqualTo("\"pause feature\" OR #voltik"));
        Assert.That(got["ownHandles"]![0]!.GetValue<string>(), Is.EqualTo("voltik_app"));
    }

    [Test]
    public async Task Create_ExistingName_409()
    {
        var name = Unique("w");
        using var first = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(name, "a").ToJsonString());

        using var second = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(name, "b").ToJsonString());

        await second.AssertProblemAsync(HttpStatusCode.Conflict, "already exists");
    }

    [Test]
    public async Task Put_Existing_ReplacesAnd200_New_Creates201()
    {
        var name = Unique("w");
        using var created = await _server.Admin.PutJsonAsync($"/api/v1/watches/{name}", Some.Watch(name, "alpha").ToJsonString());
        using var replaced = await _server.Admin.PutJsonAsync($"/api/v1/watches/{name}", Some.Watch(name, "beta").ToJsonString());

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _server.Viewer.GetJsonAsync($"/api/v1/watches/{name}"))["query"]!.GetValue<string>(), Is.EqualTo("beta"));
    }

    [Test]
    public async Task Delete_Existing_204ThenGet404()
    {
        var name = Unique("w");
        using var _ = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(name, "alpha").ToJsonString());

        using var deleted = await _server.Admin.DeleteAsync($"/api/v1/watches/{name}");
        using var got = await _server.Viewer.GetAsync($"/api/v1/watches/{name}");
        using var again = await _server.Admin.DeleteAsync($"/api/v1/watches/{name}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await got.AssertProblemAsync(HttpStatusCode.NotFound, name);
        await again.AssertProblemAsync(HttpStatusCode.NotFound, name);
    }

    [Test]
    public async Task Create_UnbalancedParentheses_400WithPositionAndExpected()
    {
        var name = Unique("w");

        using var response = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(name, "(voltik OR skootr").ToJsonString());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "position");
        Assert.That(problem["position"]!.GetValue<int>(), Is.EqualTo(17));
        Assert.That(problem["expected"]!.GetValue<string>(), Does.Contain(")"));
        using var got = await _server.Viewer.GetAsync($"/api/v1/watches/{name}");
        Assert.That(got.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Create_UnknownField_400NamingIt()
    {
        var watch = Some.Watch(Unique("w"), "a");
        watch["colour"] = "red";

        using var response = await _server.Admin.PostJsonAsync("/api/v1/watches", watch.ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "colour");
    }

    [Test]
    public async Task Create_WrongType_400NamingThePath()
    {
        var watch = Some.Watch(Unique("w"), "a");
        watch["ownHandles"] = "voltik";

        using var response = await _server.Admin.PostJsonAsync("/api/v1/watches", watch.ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "ownHandles must be an array");
    }

    [Test]
    public async Task Create_InvalidJson_400()
    {
        using var response = await _server.Admin.PostJsonAsync("/api/v1/watches", "{\"name\": \"x\", ");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "");
    }

    [Test]
    public async Task Create_BadNameAndSelfCompetitor_400ListsBoth()
    {
        using var response = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch("bad name!", "a", competitors: ["bad name!"]).ToJsonString());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "name 'bad name!'");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "name", "competitors" }));
    }

    [Test]
    public async Task Put_NameDiffersFromUrl_400()
    {
        using var response = await _server.Admin.PutJsonAsync("/api/v1/watches/one", Some.Watch("two", "a").ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "differs");
    }

    [Test]
    public async Task Create_AnalystKey_403AndNothingCreated()
    {
        var name = Unique("w");

        using var response = await _server.Analyst.PostJsonAsync("/api/v1/watches", Some.Watch(name, "a").ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "admin");
        using var got = await _server.Viewer.GetAsync($"/api/v1/watches/{name}");
        Assert.That(got.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Create_NewWatch_MatchesPostsIngestedAfterwards()
    {
        var name = Unique("w");
        var word = Unique("zq");
        using var _ = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(name, word).ToJsonString());

        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post($"Talking about {word} today")));

        var items = (await _server.Viewer.GetJsonAsync($"/api/v1/mentions?watch={name}"))["items"]!.AsArray();
        Assert.That(items, Has.Count.EqualTo(1));
        Assert.That(items[0]!["watches"]!.AsArray().Select(w => w!.GetValue<string>()), Does.Contain(name));
    }

    [Test]
    public async Task Put_InvalidBodyOnExistingWatch_400AndWatchUnchanged()
    {
        var name = Unique("w");
        using var _ = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch(name, "alpha").ToJsonString());
        var changed = Some.Watch(name, "beta");
        changed["extra"] = true;

        using var badJson = await _server.Admin.PutJsonAsync($"/api/v1/watches/{name}", "{\"name\": ");
        using var unknownField = await _server.Admin.PutJsonAsync($"/api/v1/watches/{name}", changed.ToJsonString());
        using var badQuery = await _server.Admin.PutJsonAsync($"/api/v1/watches/{name}", Some.Watch(name, "beta OR (").ToJsonString());

        await badJson.AssertProblemAsync(HttpStatusCode.BadRequest, "");
        await unknownField.AssertProblemAsync(HttpStatusCode.BadRequest, "extra");
        await badQuery.AssertProblemAsync(HttpStatusCode.BadRequest, "position");
        Assert.That((await _server.Viewer.GetJsonAsync($"/api/v1/watches/{name}"))["query"]!.GetValue<string>(), Is.EqualTo("alpha"));
    }
}
