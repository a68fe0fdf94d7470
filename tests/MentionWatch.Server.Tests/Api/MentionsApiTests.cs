using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

[TestFixture]
public sealed class MentionsApiTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Watches:0:Name"] = "voltik",
            ["Watches:0:Query"] = "voltik OR вольтик*",
            ["Watches:1:Name"] = "brewbird",
            ["Watches:1:Query"] = "brewbird OR брюберд*",
        });
        await _server.Analyst.IngestOkAsync(Some.Array(
            Some.Post("Voltik scooter was broken again, terrible", source: "ms", id: "1", createdAt: Day.AddHours(1), lang: "en"),
            Some.Post("Вольтик лучший самокат, спасибо!", source: "ms", id: "2", createdAt: Day.AddHours(2), lang: "ru"),
            Some.Post("Ёлка у Брюбёрда очень красивая", source: "ms", id: "3", createdAt: Day.AddHours(3), lang: "ru"),
            Some.Post("Brewbird latte was lovely", source: "ms", id: "4", createdAt: Day.AddHours(4), lang: "en", handle: "latte_fan"),
            Some.Post("Brewbird and Voltik on the same street", source: "other", id: "5", createdAt: Day.AddHours(5), lang: "en")));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<string[]> IdsAsync(string query)
    {
        var page = await _server.Viewer.GetJsonAsync("/api/v1/mentions?" + query);
        return page["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()).ToArray();
    }

    [Test]
    public async Task Search_NoFilter_NewestFirst()
    {
        Assert.That(await IdsAsync("from=2026-11-01&to=2026-11-02"), Is.EqualTo(new[] { "5", "4", "3", "2", "1" }));
    }

    [Test]
    public async Task Search_QueryWithYoFolding_FindsRussianText()
    {
        Assert.That(await IdsAsync("q=" + Uri.EscapeDataString("елка")), Is.EqualTo(new[] { "3" }));
    }

    [Test]
    public async Task Search_OrAndNot_CombineAsExpected()
    {
        Assert.That(await IdsAsync("q=" + Uri.EscapeDataString("(brewbird OR voltik) -street")), Is.EqualTo(new[] { "4", "1" }));
    }

    [Test]
    public async Task Search_Filters_WatchLangSourceFromTo()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await IdsAsync("watch=voltik&source=ms"), Is.EqualTo(new[] { "2", "1" }));
            Assert.That(await IdsAsync("lang=ru&to=2026-11-02"), Is.EqualTo(new[] { "3", "2" }));
            Assert.That(await IdsAsync("source=other"), Is.EqualTo(new[] { "5" }));
            Assert.That(await IdsAsync("from=2026-11-01T02:00:00Z&to=2026-11-01T04:00:00Z"), Is.EqualTo(new[] { "3", "2" }));
            Assert.That(await IdsAsync("q=" + Uri.EscapeDataString("from:latte_fan")), Is.EqualTo(new[] { "4" }));
        });
    }

    [Test]
    public async Task Search_SentimentAndNeedsReplyFilters_AgreeWithItems()
    {
        foreach (var label in new[] { "negative", "neutral", "positive" })
        {
            var items = (await _server.Viewer.GetJsonAsync($"/api/v1/mentions?sentiment={label}"))["items"]!.AsArray();
            Assert.That(items.Select(i => i!["sentiment"]!["label"]!.GetValue<string>()), Is.All.EqualTo(label));
        }
        var total = await _server.Viewer.CountAsync();
        var replies = await _server.Viewer.CountAsync("&needsReply=true");
        var noReplies = await _server.Viewer.CountAsync("&needsReply=false");
        Assert.That(replies + noReplies, Is.EqualTo(total));
    }

    [Test]
    public async Task Search_CursorPagination_VisitsEveryMentionOnce()
    {
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _server.Viewer.GetJsonAsync("/api/v1/mentions?limit=2&to=2026-11-02" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo(new[] { "5", "4", "3", "2", "1" }));
    }

    [Test]
    public async Task Get_ById_ReturnsTheSameItemAsSearch()
    {
        var item = (await _server.Viewer.GetJsonAsync("/api/v1/mentions?q=lovely"))["items"]![0]!;

        var got = await _server.Viewer.GetJsonAsync($"/api/v1/mentions/{item["id"]}");

        Assert.That(got.ToJsonString(), Is.EqualTo(item.ToJsonString()));
        Assert.That(got["author"]!["handle"]!.GetValue<string>(), Is.EqualTo("latte_fan"));
        Assert.That(got["url"]!.GetValue<string>(), Is.EqualTo("https://example.test/post"));
    }

    [Test]
    public async Task Get_UnknownId_404()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/mentions/99999999");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "99999999");
    }

    [Test]
    public async Task Search_UnbalancedParentheses_400WithPosition()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/mentions?q=" + Uri.EscapeDataString("(voltik OR brewbird"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "position");
        Assert.That(problem["parameter"]!.GetValue<string>(), Is.EqualTo("q"));
        Assert.That(problem["position"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(0));
        Assert.That(problem["expected"]!.GetValue<string>(), Is.Not.Empty);
    }

    [TestCase("from=yesterday", "from 'yesterday' is not a valid date")]
    [TestCase("to=2026-13-45", "to '2026-13-45' is not a valid date")]
    [TestCase("from=2026-11-05&to=2026-11-01", "from must not be after to")]
    [TestCase("limit=0", "limit '0' must be a whole number")]
    [TestCase("limit=abc", "limit 'abc' must be a whole number")]
    [TestCase("needsReply=maybe", "needsReply 'maybe' must be true or false")]
    [TestCase("sentiment=angry", "sentiment 'angry' must be one of")]
    [TestCase("cursor=garbage!!", "cursor")]
    public async Task Search_BadParameter_400NamingIt(string query, string message)
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/mentions?" + query);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task Stream_NewlyIngestedMention_ArrivesAsServerSentEvent()
    {
        using var client = _server.NewClient(TestServer.ViewerKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/mentions/stream?watch=voltik");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var marker = "streamcheck" + Guid.NewGuid().ToString("N")[..6];

        // The subscription starts when the response begins, so this post is published after it.
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post($"not a match {marker}"), Some.Post($"Voltik {marker}")));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? data = null;
        while (data is null && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(marker)) data = line["data: ".Length..];
        }
        var mention = JsonNode.Parse(data!)!;
        Assert.That(mention["text"]!.GetValue<string>(), Is.EqualTo($"Voltik {marker}"));
    }
}
