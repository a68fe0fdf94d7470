using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Auth;

[TestFixture]
public sealed class SourceClaimTests
{
    private const string CrawlerKey = "test-crawler-key-0123456789";
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Watches:0:Name"] = "voltik",
        ["Watches:0:Query"] = "voltik",
        ["Watches:0:OwnHandles:0"] = "voltik_app",
        ["Auth:Keys:crawler:Key"] = CrawlerKey,
        ["Auth:Keys:crawler:Role"] = "analyst",
        ["Auth:Keys:crawler:MayClaimSources"] = "true",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Ingest_CrawlerSourceOrBrandHandleWithoutTheRight_RejectedByIndexRestStored()
    {
        var id = Some.Id("claim");
        var result = await _server.Analyst.IngestOkAsync(Some.Array(
            Some.Post("Voltik from a forum", id: id + "-ok", source: "forum"),
            Some.Post("Voltik pretending to be X", id: id + "-x", source: "X"),
            Some.Post("Voltik pretending to be the demo", id: id + "-demo", source: "demo"),
            Some.Post("Voltik official news", id: id + "-brand", source: "forum", handle: "@Voltik_App")));

        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(1));
        var rejected = result["rejected"]!.AsArray().ToDictionary(r => r!["index"]!.GetValue<int>(), r => r!["error"]!.GetValue<string>());
        Assert.That(rejected.Keys, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(rejected[1], Does.Contain("source 'X' is the name of a MentionWatch crawler").And.Contains("Auth:Keys:analyst:MayClaimSources"));
        Assert.That(rejected[2], Does.Contain("source 'demo'"));
        Assert.That(rejected[3], Does.Contain("own handle of watch 'voltik'"));
        Assert.That(await _server.Viewer.CountAsync("&source=x"), Is.Zero);
        Assert.That(await _server.Viewer.CountAsync("&source=demo"), Is.Zero);
        var stored = (await _server.Viewer.GetJsonAsync("/api/v1/mentions?source=forum&limit=1000"))["items"]!.AsArray()
            .Select(m => m!["externalId"]!.GetValue<string>()).Where(e => e.StartsWith(id, StringComparison.Ordinal));
        Assert.That(stored, Is.EqualTo(new[] { id + "-ok" }));
    }

    [Test]
    public async Task Ingest_KeyAllowedToClaim_StoresCrawlerSourceAndBrandPost()
    {
        using var crawler = _server.NewClient(CrawlerKey);
        var id = Some.Id("claimed");

        var result = await crawler.IngestOkAsync(Some.Array(
            Some.Post("Voltik on mastodon", id: id + "-m", source: "mastodon"),
            Some.Post("Voltik official news", id: id + "-b", source: "forum", handle: "voltik_app")));

        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(await _server.Viewer.CountAsync("&source=mastodon"), Is.EqualTo(1));
    }
}
