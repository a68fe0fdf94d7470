using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>One rule for watch= on every endpoint: several names, any case, 404 listing the unknown ones.</summary>
[TestFixture]
public sealed class WatchParameterTests
{
    private TestServer _server = null!;
    private string _source = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Watches:0:Name"] = "voltik",
            ["Watches:0:Query"] = "voltik",
            ["Watches:0:Competitors:0"] = "skootr",
            ["Watches:1:Name"] = "skootr",
            ["Watches:1:Query"] = "skootr",
            ["Watches:2:Name"] = "brewbird",
            ["Watches:2:Query"] = "brewbird",
        });
        _source = "wp" + Guid.NewGuid().ToString("N")[..8];
        await _server.Analyst.IngestOkAsync(Some.Array(
            Some.Post("Voltik is great", source: _source),
            Some.Post("Skootr broke down again", source: _source),
            Some.Post("Brewbird coffee is fine", source: _source)));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<List<string>> TextsAsync(string query) =>
        (await _server.Viewer.GetJsonAsync($"/api/v1/mentions?source={_source}&{query}"))["items"]!.AsArray()
            .Select(m => m!["text"]!.GetValue<string>()).OrderBy(t => t).ToList();

    [Test]
    public async Task Mentions_SeveralWatches_ReturnsMentionsOfAny()
    {
        Assert.That(await TextsAsync("watch=voltik,skootr"), Is.EqualTo(new[] { "Skootr broke down again", "Voltik is great" }));
        // With another filter the FTS path answers; same rule.
        Assert.That(await TextsAsync("watch=voltik, brewbird&lang=en"), Is.EqualTo(new[] { "Brewbird coffee is fine", "Voltik is great" }));
    }

    [Test]
    public async Task Mentions_UpperCaseWatch_MatchesTheStoredName()
    {
        Assert.That(await TextsAsync("watch=VOLTIK"), Is.EqualTo(new[] { "Voltik is great" }));
    }

    [TestCase("/api/v1/mentions?watch=voltik,nope1,Nope2")]
    [TestCase("/api/v1/export?format=ndjson&watch=voltik,nope1,Nope2")]
    [TestCase("/api/v1/trends?watch=voltik,nope1,Nope2")]
    [TestCase("/api/v1/share-of-voice?watch=voltik,nope1,Nope2")]
    [TestCase("/api/v1/share-of-voice?watches=voltik,nope1,Nope2")]
    [TestCase("/api/v1/mentions/stream?watch=voltik,nope1,Nope2")]
    public async Task WatchParameter_UnknownNames_404ProblemNamingEach(string path)
    {
        using var response = await _server.Admin.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "'nope1', 'Nope2'");
        Assert.That(problem["unknownWatches"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "nope1", "Nope2" }));
    }

    [Test]
    public async Task Trends_SeveralWatchesAnyCase_SumsTheirCounts()
    {
        static long Total(JsonNode trends) => trends["buckets"]!.AsArray().Sum(b => b!["total"]!.GetValue<long>());

        var both = await _server.Viewer.GetJsonAsync("/api/v1/trends?watch=Voltik,SKOOTR&interval=hour");
        var voltik = await _server.Viewer.GetJsonAsync("/api/v1/trends?watch=voltik&interval=hour");
        var skootr = await _server.Viewer.GetJsonAsync("/api/v1/trends?watch=skootr&interval=hour");

        Assert.That(both["watch"]!.GetValue<string>(), Is.EqualTo("voltik,skootr"));
        Assert.That(Total(voltik), Is.GreaterThanOrEqualTo(1));
        Assert.That(Total(skootr), Is.GreaterThanOrEqualTo(1));
        Assert.That(Total(both), Is.EqualTo(Total(voltik) + Total(skootr)));
    }

    [Test]
    public async Task ShareOfVoice_UpperCaseWatch_ComparesWithCompetitors()
    {
        var share = await _server.Viewer.GetJsonAsync("/api/v1/share-of-voice?watch=VOLTIK");

        Assert.That(share["watches"]!.AsArray().Select(w => w!["watch"]!.GetValue<string>()), Is.EqualTo(new[] { "voltik", "skootr" }));
    }

    [Test]
    public async Task Stream_SeveralWatches_SendsMentionsOfEachOnly()
    {
        using var client = _server.NewClient(TestServer.ViewerKey);
        using var response = await client.GetAsync("/api/v1/mentions/stream?watch=BREWBIRD,skootr", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await _server.Analyst.IngestOkAsync(Some.Array(
            Some.Post("Voltik live one", source: _source + "live"),
            Some.Post("Brewbird live two", source: _source + "live"),
            Some.Post("Skootr live three", source: _source + "live")));

        var texts = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (texts.Count < 2 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal)) texts.Add(JsonNode.Parse(line[6..])!["text"]!.GetValue<string>());
        }
        Assert.That(texts, Is.EquivalentTo(new[] { "Brewbird live two", "Skootr live three" }));
    }

    [Test]
    public async Task GetWatch_UpperCase_FindsIt()
    {
        var watch = await _server.Viewer.GetJsonAsync("/api/v1/watches/VOLTIK");

        Assert.That(watch["name"]!.GetValue<string>(), Is.EqualTo("voltik"));
    }

    [Test]
    public async Task Create_OtherCaseOfExistingName_409AndNothingCreated()
    {
        using var response = await _server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch("Voltik", "something else").ToJsonString());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "'voltik' already exists");
        var names = (await _server.Viewer.GetJsonAsync("/api/v1/watches")).AsArray().Select(w => w!["name"]!.GetValue<string>()).ToList();
        Assert.That(names.Count(n => n.Equals("voltik", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1));
        Assert.That((await _server.Viewer.GetJsonAsync("/api/v1/watches/voltik"))["query"]!.GetValue<string>(), Is.EqualTo("voltik"));
    }
}
