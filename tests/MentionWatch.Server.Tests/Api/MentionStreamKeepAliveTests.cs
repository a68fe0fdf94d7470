using System.Diagnostics;
using System.Text.Json.Nodes;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Tests.Api.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>
/// The live feed's keep-alive comments, on the real server with a fake clock: time moves only when a test advances
/// it, so "after 15 s" is exact and no test sleeps. Reads from the stream are bounded by a real timeout.
/// </summary>
[TestFixture]
public sealed class MentionStreamKeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private const string KeepAlive = ": keep-alive";
    private FakeClockServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await FakeClockServer.StartAsync(new Dictionary<string, string?>
        {
            ["Live:KeepAliveSeconds"] = "15",
            ["Watches:0:Name"] = "voltik",
            ["Watches:0:Query"] = "voltik",
            ["Watches:1:Name"] = "brewbird",
            ["Watches:1:Query"] = "brewbird",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Stream_IdleFeed_SendsKeepAliveCommentEveryInterval()
    {
        using var stream = await LiveStream.OpenAsync(_server.Viewer, "");

        _server.Time.Advance(Interval);
        var first = await stream.ReadFrameAsync();
        _server.Time.Advance(Interval);
        var second = await stream.ReadFrameAsync();

        Assert.That(stream.ContentType, Is.EqualTo("text/event-stream"));
        Assert.That(first, Is.EqualTo(new[] { KeepAlive }));
        Assert.That(second, Is.EqualTo(new[] { KeepAlive }));
    }

    [Test]
    public async Task Stream_MentionsAndKeepAlives_InterleaveAndEachFrameRestartsTheInterval()
    {
        using var stream = await LiveStream.OpenAsync(_server.Viewer, "?watch=voltik");
        var marker = Marker();
        var almost = Interval - TimeSpan.FromSeconds(1);
        var frames = new List<string[]>();

        // Each mention comes one second before a keep-alive would be due, so none may precede it;
        // the second one also shows that the first restarted the interval.
        _server.Time.Advance(almost);
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post($"Voltik one {marker}")));
        frames.Add(await stream.ReadFrameAsync());
        _server.Time.Advance(almost);
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post($"Voltik two {marker}")));
        frames.Add(await stream.ReadFrameAsync());
        _server.Time.Advance(Interval);
        frames.Add(await stream.ReadFrameAsync());
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post($"Voltik three {marker}")));
        frames.Add(await stream.ReadFrameAsync());
        _server.Time.Advance(Interval);
        frames.Add(await stream.ReadFrameAsync());

        Assert.That(MentionText(frames[0]), Is.EqualTo($"Voltik one {marker}"));
        Assert.That(MentionText(frames[1]), Is.EqualTo($"Voltik two {marker}"));
        Assert.That(frames[2], Is.EqualTo(new[] { KeepAlive }));
        Assert.That(MentionText(frames[3]), Is.EqualTo($"Voltik three {marker}"));
        Assert.That(frames[4], Is.EqualTo(new[] { KeepAlive }));
    }

    [Test]
    public async Task Stream_MentionOfAnotherWatch_SendsNothingAndKeepsTheInterval()
    {
        using var stream = await LiveStream.OpenAsync(_server.Viewer, "?watch=voltik");

        _server.Time.Advance(TimeSpan.FromSeconds(10));
        await _server.Analyst.IngestOkAsync(Some.Array(Some.Post($"Brewbird only {Marker()}")));
        // The client has heard nothing for 15 s, whatever happened on other watches.
        _server.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(await stream.ReadFrameAsync(), Is.EqualTo(new[] { KeepAlive }));
    }

    [Test]
    public async Task Stream_ClientDisconnects_SubscriptionEnds()
    {
        var feed = _server.Services.GetRequiredService<LiveFeed>();
        var stream = await LiveStream.OpenAsync(_server.Viewer, "");
        Assert.That(feed.ViewerCount, Is.GreaterThanOrEqualTo(1));

        stream.Dispose();

        // Disconnect detection is real network I/O, not clock time: poll it with a bound.
        await Wait.ForAsync(() => feed.ViewerCount == 0, "the live feed to drop the disconnected viewer", TimeSpan.FromSeconds(10));
        // A keep-alive due after the disconnect finds no stream to write to and breaks nothing.
        _server.Time.Advance(Interval);
        using var next = await LiveStream.OpenAsync(_server.Viewer, "");
        _server.Time.Advance(Interval);
        Assert.That(await next.ReadFrameAsync(), Is.EqualTo(new[] { KeepAlive }));
    }

    [Test]
    public async Task Stream_ServiceStops_StreamEndsWithoutWaitingForTheClient()
    {
        var server = await TestServer.StartAsync();
        using var stream = await LiveStream.OpenAsync(server.Viewer, "");
        var stopping = Stopwatch.StartNew();

        await server.DisposeAsync();

        // Without ending open streams the host would wait out its whole shutdown timeout (30 s).
        Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(await stream.EndsAsync(), Is.True);
    }

    private static string Marker() => "keepalive" + Guid.NewGuid().ToString("N")[..8];

    private static string MentionText(string[] frame)
    {
        Assert.That(frame, Has.Length.EqualTo(3).And.Some.EqualTo("event: mention").And.Some.StartsWith("id: "), string.Join(" | ", frame));
        var data = frame.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        return JsonNode.Parse(data)!["text"]!.GetValue<string>();
    }
}
