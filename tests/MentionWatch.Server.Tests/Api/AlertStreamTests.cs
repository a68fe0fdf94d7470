using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Tests.Alerting.Notifiers.Support;
using MentionWatch.Server.Tests.Api.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>
/// <c>GET /api/v1/alerts/stream</c> on the real server with a fake clock: events are published straight to the
/// server's <see cref="AlertFeed"/>, as the engine does once a change is committed.
/// </summary>
[TestFixture]
public sealed class AlertStreamTests
{
    private const string Path = "/api/v1/alerts/stream";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private FakeClockServer _server = null!;
    private AlertFeed _feed = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await FakeClockServer.StartAsync(new Dictionary<string, string?> { ["Live:KeepAliveSeconds"] = "15" });
        _feed = _server.Services.GetRequiredService<AlertFeed>();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase(AlertEventType.Triggered, "alert.triggered")]
    [TestCase(AlertEventType.Acknowledged, "alert.acknowledged")]
    [TestCase(AlertEventType.Escalated, "alert.escalated")]
    public async Task Stream_PublishedEvent_ArrivesNamedWithTheWebhookAlertJson(AlertEventType type, string name)
    {
        using var stream = await LiveStream.OpenPathAsync(_server.Viewer, Path);
        var alert = SomeAlert.Alert(state: type == AlertEventType.Acknowledged ? AlertState.Acknowledged : AlertState.Open);

        _feed.Publish([(type, alert)]);
        var frame = await stream.ReadFrameAsync();

        Assert.That(frame, Has.Length.EqualTo(2));
        Assert.That(frame.Field("event"), Is.EqualTo(name));
        var webhook = JsonNode.Parse(AlertPayload.ToJson(SomeAlert.Notification(type, alert)))!["alert"];
        Assert.That(JsonNode.DeepEquals(frame.Data(), webhook), Is.True, frame.Field("data"));
        Assert.That(frame.Data()["mentions"]![0]!["text"]!.GetValue<string>(), Is.EqualTo(SomeAlert.RussianText));
    }

    [Test]
    public async Task Stream_RuleAndWatchFilters_SkipOtherAlerts()
    {
        using var stream = await LiveStream.OpenPathAsync(_server.Viewer, Path + "?rule=negative-spike&watch=voltik");

        _feed.Publish([(AlertEventType.Triggered, SomeAlert.Alert(id: 1) with { Rule = "other-rule" })]);
        _feed.Publish([(AlertEventType.Triggered, SomeAlert.Alert(id: 2, watch: "brewbird"))]);
        _feed.Publish([(AlertEventType.Updated, SomeAlert.Alert(id: 3))]);
        var frame = await stream.ReadFrameAsync();

        Assert.That(frame.Field("event"), Is.EqualTo("alert.updated"));
        Assert.That(frame.Data()["id"]!.GetValue<long>(), Is.EqualTo(3));
    }

    [Test]
    public async Task Stream_IdleAndEvents_KeepAliveAfterEachQuietIntervalAndEventsRestartIt()
    {
        using var stream = await LiveStream.OpenPathAsync(_server.Viewer, Path);
        var almost = Interval - TimeSpan.FromSeconds(1);
        var frames = new List<string[]>();

        _server.Time.Advance(Interval);
        frames.Add(await stream.ReadFrameAsync());
        // Each event comes one second before a keep-alive would be due; the second also shows the first restarted it.
        _server.Time.Advance(almost);
        _feed.Publish([(AlertEventType.Updated, SomeAlert.Alert())]);
        frames.Add(await stream.ReadFrameAsync());
        _server.Time.Advance(almost);
        _feed.Publish([(AlertEventType.Resolved, SomeAlert.Alert(state: AlertState.Resolved))]);
        frames.Add(await stream.ReadFrameAsync());
        _server.Time.Advance(Interval);
        frames.Add(await stream.ReadFrameAsync());

        Assert.That(stream.ContentType, Is.EqualTo("text/event-stream"));
        Assert.That(frames[0], Is.EqualTo(new[] { ": keep-alive" }));
        Assert.That(frames[1].Field("event"), Is.EqualTo("alert.updated"));
        Assert.That(frames[2].Field("event"), Is.EqualTo("alert.resolved"));
        Assert.That(frames[3], Is.EqualTo(new[] { ": keep-alive" }));
    }

    [Test]
    public async Task Stream_WithoutKey_401()
    {
        using var client = new HttpClient { BaseAddress = _server.Viewer.BaseAddress };

        using var response = await client.GetAsync(Path);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Missing API key");
    }
}
