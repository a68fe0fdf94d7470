using System.Net;
using MentionWatch.Server.Tests.Api.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>
/// The mention stream's filters, event ids and Last-Event-ID replay, on the real server. The clock is fake and never
/// advanced, so no keep-alive comes between the frames a test waits for. Each test ingests under its own source and
/// filters on it, so tests sharing the server never see each other's mentions. A mention that must not be sent is
/// ingested before one that must: the feed keeps arrival order, so the next frame being the second proves the first
/// was filtered out.
/// </summary>
[TestFixture]
public sealed class MentionStreamTests
{
    private const int MaxReplay = 5;
    private FakeClockServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await FakeClockServer.StartAsync(new Dictionary<string, string?>
        {
            ["Live:MaxReplay"] = MaxReplay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Watches:0:Name"] = "voltik",
            ["Watches:0:Query"] = "voltik",
            ["Watches:0:OwnHandles:0"] = "voltik_app",
            ["Watches:1:Name"] = "brewbird",
            ["Watches:1:Query"] = "brewbird",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("q=scooter%20-broken", "Voltik scooter broken again", null, "Voltik scooter rocks", null)]
    [TestCase("q=lang%3Ade", "Voltik is great", "en", "Voltik ist super", "de")]
    [TestCase("lang=de", "Voltik is great", "en", "Voltik ist super", "de")]
    [TestCase("watch=brewbird", "Voltik only here", null, "Brewbird only here", null)]
    [TestCase("watch=voltik&q=%23deal", "Voltik without a tag", null, "Voltik with a #deal", null)]
    public async Task Stream_Filter_SendsOnlyMatchingMentions(string filter, string rejected, string? rejectedLang, string accepted, string? acceptedLang)
    {
        var source = Source();
        using var stream = await LiveStream.OpenAsync(_server.Viewer, $"?source={source}&{filter}");

        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post(rejected, source: source, lang: rejectedLang)));
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post(accepted, source: source, lang: acceptedLang)));

        Assert.That((await stream.ReadFrameAsync()).Mention().Text, Is.EqualTo(accepted));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Stream_NeedsReplyFilter_SendsOnlyMentionsOfThatKind(bool needsReply)
    {
        var (replyText, noReplyText) = await ReplyAndNoReplyTextsAsync();
        var source = Source();
        using var stream = await LiveStream.OpenAsync(_server.Viewer, $"?source={source}&needsReply={(needsReply ? "true" : "false")}");

        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post(needsReply ? noReplyText : replyText, source: source)));
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post(needsReply ? replyText : noReplyText, source: source)));

        var frame = await stream.ReadFrameAsync();
        Assert.That(frame.Mention().Text, Is.EqualTo(needsReply ? replyText : noReplyText));
        Assert.That(frame.Data()["needsReply"]!["value"]!.GetValue<bool>(), Is.EqualTo(needsReply));
    }

    [TestCase("?needsReply=maybe", null, "needsReply 'maybe' must be true or false")]
    [TestCase("?sentiment=angry", null, "sentiment 'angry' must be one of")]
    [TestCase("?from=yesterday", null, "from 'yesterday' is not a valid date")]
    [TestCase("?lastEventId=abc", null, "lastEventId 'abc' must be the id of an event")]
    [TestCase("", "-3", "Last-Event-ID '-3' must be the id of an event")]
    public async Task Stream_BadArgument_400ProblemBeforeAnyStream(string query, string? lastEventId, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/mentions/stream" + query);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);

        using var response = await _server.Viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, message);
    }

    [Test]
    public async Task Stream_BadQuery_400LikeSearch()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/mentions/stream?q=" + Uri.EscapeDataString("(voltik OR brewbird"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "position");
        Assert.That(problem["parameter"]!.GetValue<string>(), Is.EqualTo("q"));
    }

    [Test]
    public async Task Stream_EventIds_IncreaseInArrivalOrder()
    {
        var source = Source();
        using var stream = await LiveStream.OpenAsync(_server.Viewer, $"?source={source}");

        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik one", source: source), Some.Post("Voltik two", source: source)));
        // An older post arrives later: ids follow arrival, not post time.
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik three", source: source, createdAt: DateTimeOffset.UtcNow.AddDays(-3))));
        var mentions = await stream.ReadMentionsAsync(3);

        Assert.That(mentions.Select(m => m.Text), Is.EqualTo(new[] { "Voltik one", "Voltik two", "Voltik three" }));
        Assert.That(mentions.Select(m => m.Id), Is.Ordered.Ascending.And.Unique);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Stream_ReconnectWithLastEventId_ReplaysMissedMentionsInOrderThenLiveOnesOnce(bool asHeader)
    {
        var source = Source();
        long lastSeen;
        using (var first = await LiveStream.OpenAsync(_server.Viewer, $"?source={source}&watch=voltik"))
        {
            await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik before the drop", source: source)));
            lastSeen = (await first.ReadFrameAsync()).Mention().Id;
        }

        // Stored while no client is connected, with posts the filters reject in between.
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik missed one", source: source), Some.Post("Brewbird, not ours", source: source)));
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik from elsewhere", source: Source())));
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik missed two", source: source), Some.Post("Voltik missed three", source: source)));
        var query = $"?source={source}&watch=voltik" + (asHeader ? "" : $"&lastEventId={lastSeen}");
        using var again = await LiveStream.OpenAsync(_server.Viewer, query, asHeader ? lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        var replayed = await again.ReadMentionsAsync(3);
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik live again", source: source)));
        var live = (await again.ReadFrameAsync()).Mention();

        Assert.That(replayed.Select(m => m.Text), Is.EqualTo(new[] { "Voltik missed one", "Voltik missed two", "Voltik missed three" }));
        Assert.That(replayed.Select(m => m.Id).Prepend(lastSeen).Append(live.Id), Is.Ordered.Ascending.And.Unique);
        Assert.That(live.Text, Is.EqualTo("Voltik live again"));
    }

    [Test]
    public async Task Stream_HeaderAndQueryLastEventId_HeaderWins()
    {
        var source = Source();
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik old", source: source)));
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik newer", source: source)));
        using (var probe = await LiveStream.OpenAsync(_server.Viewer, $"?source={source}&lastEventId=0"))
        {
            var all = await probe.ReadMentionsAsync(2);
            // A browser reconnects to its first URL (lastEventId=0) with the newest id it saw in the header.
            using var again = await LiveStream.OpenAsync(_server.Viewer, $"?source={source}&lastEventId=0", all[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik live", source: source)));

            Assert.That((await again.ReadMentionsAsync(2)).Select(m => m.Text), Is.EqualTo(new[] { "Voltik newer", "Voltik live" }));
        }
    }

    [Test]
    public async Task Stream_ReplayOverTheLimit_SendsTheLimitThenACommentThenLiveMentions()
    {
        var source = Source();
        var missed = Enumerable.Range(1, MaxReplay + 3).Select(i => Some.Post($"Voltik missed {i}", source: source)).ToArray();
        await _server.Analyst.IngestOkAsync(Some.Array(missed));

        using var stream = await LiveStream.OpenAsync(_server.Viewer, $"?source={source}&lastEventId=0");
        var replayed = await stream.ReadMentionsAsync(MaxReplay);
        var comment = await stream.ReadFrameAsync();
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post("Voltik live", source: source)));
        var live = (await stream.ReadFrameAsync()).Mention();

        Assert.That(replayed.Select(m => m.Text), Is.EqualTo(Enumerable.Range(1, MaxReplay).Select(i => $"Voltik missed {i}")));
        Assert.That(comment, Has.Length.EqualTo(1));
        Assert.That(comment[0], Does.StartWith($": replay limit of {MaxReplay} mentions reached").And.Contain($"ids {replayed[^1].Id + 1} to"));
        Assert.That(live.Text, Is.EqualTo("Voltik live"));
    }

    private static string Source() => "stream" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// Texts the models score as needing a reply and not; the brand's own post never needs one. Learnt from the
    /// server itself so the test does not depend on one model version.
    /// </summary>
    private async Task<(string Reply, string NoReply)> ReplyAndNoReplyTextsAsync()
    {
        string[] candidates =
        [
            "@voltik_app my Voltik was charged twice, can you refund me please?",
            "@voltik_app Voltik support, why is my account locked? Please help",
            "Voltik app keeps crashing when I try to pay, how do I fix this?",
            "Voltik: new pause feature is live",
            "Loved my Voltik ride along the river today",
        ];
        var source = Source();
        await _server.Analyst.IngestOkAsync(Some.Array(candidates.Select(c => (System.Text.Json.Nodes.JsonNode)Some.Post(c, source: source)).ToArray()));
        var items = (await _server.Viewer.GetJsonAsync($"/api/v1/mentions?source={source}"))["items"]!.AsArray();
        var labels = items.ToDictionary(i => i!["text"]!.GetValue<string>(), i => i!["needsReply"]!["value"]!.GetValue<bool>());
        var reply = candidates.FirstOrDefault(c => labels[c]);
        var noReply = candidates.FirstOrDefault(c => !labels[c]);
        Assume.That(reply is not null && noReply is not null, "the models label none of the candidates one way: " + string.Join(", ", labels));
        return (reply!, noReply!);
    }
}
