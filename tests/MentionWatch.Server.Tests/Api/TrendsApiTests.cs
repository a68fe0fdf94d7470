using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

[TestFixture]
public sealed class TrendsApiTests
{
    private static readonly DateTimeOffset Day = new(2026, 10, 10, 0, 0, 0, TimeSpan.Zero);
    private TestServer _server = null!;

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
        });
        var posts = new List<JsonNode>();
        // voltik: 3 posts in hour 9 (2 en from source a, 1 ru from source b), 1 in hour 11; skootr: 1 post in hour 9.
        posts.Add(Some.Post("voltik one", source: "a", createdAt: Day.AddHours(9).AddMinutes(1), lang: "en"));
        posts.Add(Some.Post("voltik two", source: "a", createdAt: Day.AddHours(9).AddMinutes(20), lang: "en"));
        posts.Add(Some.Post("voltik три", source: "b", createdAt: Day.AddHours(9).AddMinutes(59), lang: "ru"));
        posts.Add(Some.Post("voltik four", source: "a", createdAt: Day.AddHours(11).AddMinutes(5), lang: "en"));
        posts.Add(Some.Post("skootr five", source: "a", createdAt: Day.AddHours(9).AddMinutes(30), lang: "en"));
        await _server.Analyst.IngestOkAsync(new JsonArray(posts.ToArray()));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static Dictionary<DateTimeOffset, JsonNode> ByStart(JsonNode trends) =>
        trends["buckets"]!.AsArray().ToDictionary(b => DateTimeOffset.Parse(b!["start"]!.GetValue<string>()), b => b!);

    [Test]
    public async Task Trends_HourlyBySource_CountsPerBucket()
    {
        var trends = await _server.Viewer.GetJsonAsync("/api/v1/trends?watch=voltik&from=2026-10-10T08:00:00Z&to=2026-10-10T12:00:00Z&interval=hour&groupBy=source");

        var buckets = ByStart(trends);
        var nine = buckets[Day.AddHours(9)];
        Assert.That(nine["total"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(nine["counts"]!["a"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(nine["counts"]!["b"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(buckets[Day.AddHours(11)]["total"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(buckets.Where(b => b.Key != Day.AddHours(9) && b.Key != Day.AddHours(11)).Sum(b => b.Value["total"]!.GetValue<long>()), Is.Zero);
    }

    [Test]
    public async Task Trends_DailyByLang_SumsTheDay()
    {
        var trends = await _server.Viewer.GetJsonAsync("/api/v1/trends?watch=voltik&from=2026-10-09&to=2026-10-12&interval=day&groupBy=lang");

        var day = ByStart(trends)[Day];
        Assert.That(day["total"]!.GetValue<long>(), Is.EqualTo(4));
        Assert.That(day["counts"]!["en"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(day["counts"]!["ru"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Trends_BySentiment_CountsAddUpToTotal()
    {
        var trends = await _server.Viewer.GetJsonAsync("/api/v1/trends?from=2026-10-10&to=2026-10-11&interval=day");

        var day = ByStart(trends)[Day];
        Assert.That(day["total"]!.GetValue<long>(), Is.EqualTo(5));
        Assert.That(day["counts"]!.AsObject().Sum(c => c.Value!.GetValue<long>()), Is.EqualTo(5));
        Assert.That(day["counts"]!.AsObject().Select(c => c.Key), Is.SubsetOf(new[] { "negative", "neutral", "positive" }));
    }

    [TestCase("interval=week", "interval 'week' must be one of")]
    [TestCase("groupBy=author", "groupBy 'author' must be one of")]
    [TestCase("from=not-a-date", "from 'not-a-date' is not a valid date")]
    [TestCase("from=2026-10-12&to=2026-10-10", "from must be before to")]
    [TestCase("from=2000-01-01&to=2026-01-01&interval=hour", "more than")]
    public async Task Trends_BadParameter_400NamingIt(string query, string message)
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/trends?" + query);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task Trends_UnknownWatch_404()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/trends?watch=nope");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "nope");
    }

    [Test]
    public async Task ShareOfVoice_TwoWatches_SharesFromCounts()
    {
        var sov = await _server.Viewer.GetJsonAsync("/api/v1/share-of-voice?watches=voltik,skootr&from=2026-10-10&to=2026-10-11");

        Assert.That(sov["total"]!.GetValue<long>(), Is.EqualTo(5));
        var rows = sov["watches"]!.AsArray().ToDictionary(w => w!["watch"]!.GetValue<string>(), w => w!);
        Assert.That(rows["voltik"]["mentions"]!.GetValue<long>(), Is.EqualTo(4));
        Assert.That(rows["voltik"]["share"]!.GetValue<double>(), Is.EqualTo(0.8).Within(1e-9));
        Assert.That(rows["skootr"]["share"]!.GetValue<double>(), Is.EqualTo(0.2).Within(1e-9));
        Assert.That(rows["voltik"]["sentiment"]!.AsObject().Sum(s => s.Value!.GetValue<long>()), Is.EqualTo(4));
    }

    [Test]
    public async Task ShareOfVoice_OneWatch_ComparesWithItsCompetitors()
    {
        var sov = await _server.Viewer.GetJsonAsync("/api/v1/share-of-voice?watch=voltik&from=2026-10-10&to=2026-10-11");

        Assert.That(sov["watches"]!.AsArray().Select(w => w!["watch"]!.GetValue<string>()), Is.EqualTo(new[] { "voltik", "skootr" }));
    }

    [Test]
    public async Task ShareOfVoice_NoWatches_400()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/share-of-voice");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "watches=a,b,c");
    }

    [Test]
    public async Task ShareOfVoice_UnknownWatch_404()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/share-of-voice?watches=voltik,ghost");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "ghost");
    }
}
