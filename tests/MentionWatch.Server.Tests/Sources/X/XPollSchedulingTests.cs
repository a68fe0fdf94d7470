using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.X;
using MentionWatch.Server.Tests.Sources.X.Support;
using Quartz;

namespace MentionWatch.Server.Tests.Sources.X;

/// <summary>
/// AddXSource inside the real service: the Quartz scheduler reconciles one poll job per watch and polls the fake
/// X server every second. Waits are for observable conditions, bounded.
/// </summary>
[TestFixture]
public sealed class XPollSchedulingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private FakeXServer _x = null!;
    private XServerHarness _h = null!;

    private async Task StartAsync(string? bearerToken, params Watch[] watches)
    {
        _x = await FakeXServer.StartAsync();
        _x.DefaultReply = new XReply(200, XWire.Page(
            [XWire.Tweet("10", "acme and globex news", "1", new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero))],
            [XWire.User("1", "news", "News", 10)]));
        _h = await XServerHarness.StartAsync(_x, new Dictionary<string, string?>
        {
            ["Sources:X:BearerToken"] = bearerToken,
            ["Sources:X:PollIntervalSeconds"] = "1",
        });
        foreach (var watch in watches) await _h.Watches.UpsertWatchAsync(watch, CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _h.DisposeAsync();
        await _x.DisposeAsync();
    }

    [Test]
    public async Task Host_WatchesAddedAndRemoved_GetAndLosePollJobs()
    {
        await StartAsync("token-1", new Watch("acme", "acme OR \"acme mobile\"", [], []), new Watch("demo-only", "acme source:demo", [], []));

        await Until(async () => await _h.Store.GetCursorAsync("x:acme", CancellationToken.None) == "10", "acme polled and its cursor stored");
        await _h.Watches.UpsertWatchAsync(new Watch("globex", "globex", [], []), CancellationToken.None);
        await Until(async () => await _h.Store.GetCursorAsync("x:globex", CancellationToken.None) == "10", "a watch added later polled");
        await _h.Watches.DeleteWatchAsync("acme", CancellationToken.None);
        await Until(async () => !(await PollJobs()).Contains("acme"), "the deleted watch's job removed");

        Assert.That(_x.Requests.Select(r => r.Query["query"]).Distinct(), Is.EquivalentTo(new[] { "acme OR \"acme mobile\"", "globex" }));
        Assert.That(await PollJobs(), Is.EquivalentTo(new[] { "globex" }), "demo-only restricts itself to another source");
        Assert.That(await _h.Store.GetCursorAsync("x:demo-only", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Host_NoBearerToken_ReportsDisabledAndNeverCallsX()
    {
        await StartAsync(bearerToken: null, new Watch("acme", "acme", [], []));
        var statuses = _h.Services.GetRequiredService<SourceStatusRegistry>();

        await Until(() => Task.FromResult(statuses.Snapshot().Any(s => s.Name == "x" && s.State == SourceState.Disabled)), "x reported as disabled");

        Assert.That(_x.Requests, Is.Empty);
        Assert.That(await PollJobs(), Is.Empty);
    }

    private async Task<IReadOnlyList<string>> PollJobs()
    {
        var scheduler = await _h.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PollJob.GroupFor("x")), CancellationToken.None);
        return keys.Select(k => k.Name).ToList();
    }

    private static Task Until(Func<Task<bool>> condition, string what) => Wait.ForAsync(condition, what, Patience);
}
