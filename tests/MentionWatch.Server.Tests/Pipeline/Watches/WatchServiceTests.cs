using MentionWatch.Server.Tests.Sources.HackerNews;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Pipeline.Watches;

/// <summary>A watch changed through the API is followed at once by the matcher and the source schedulers (real server, loopback HN).</summary>
[TestFixture]
public sealed class WatchServiceTests
{
    private const string HnPath = "/api/v1/search_by_date";

    [Test]
    public async Task ApiCreate_PollingSourceWithLongInterval_PollsTheNewWatchAtOnceAndStopsAfterDelete()
    {
        await using var hn = await FakeApiServer.StartAsync();
        hn.DefaultReply = new ApiReply(200, HnWire.Page([HnWire.Story("9", "kettle news", DateTimeOffset.UtcNow.AddMinutes(-1))], 0, 1));
        await using var server = await SourceServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sources:HackerNews:Enabled"] = "true",
            ["Sources:HackerNews:BaseUrl"] = hn.BaseUrl.ToString(),
            // Far longer than the test: only the change announcement can explain a poll.
            ["Sources:HackerNews:PollIntervalSeconds"] = "3600",
        });
        // Nothing scheduled is nothing polled: no poll job exists to run, whatever the clock does.
        await Wait.ForAsync(() => server.Status("hackernews") is not null, "the Hacker News source registered");
        Assert.That(server.Status("hackernews")!.Watches, Is.Empty, "no watches, no poll jobs");
        Assert.That(hn.Requests, Is.Empty, "no watches, nothing polled");

        using var created = await server.Admin.PostJsonAsync("/api/v1/watches", """{"name":"kettle","query":"kettle"}""");
        Assert.That((int)created.StatusCode, Is.EqualTo(201));

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("hackernews")).Contains("9"), "the new watch polled and its post stored", TimeSpan.FromSeconds(10));
        Assert.That(hn.RequestsTo(HnPath)[0].Query["query"], Is.EqualTo("kettle"));
        var mention = (await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "hackernews"), 5, null, CancellationToken.None)).Items.Single();
        Assert.That(mention.Watches, Is.EqualTo(new[] { "kettle" }), "the matcher knew the watch before its first poll");

        using var deleted = await server.Admin.DeleteAsync("/api/v1/watches/KETTLE");
        Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        await Wait.ForAsync(() => server.Status("hackernews")!.Watches.All(w => w.Name != "kettle"), "the deleted watch's poll job removed", TimeSpan.FromSeconds(10));
    }
}
