using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.X;
using MentionWatch.Server.Tests.Sources.X.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace MentionWatch.Server.Tests.Sources.X;

/// <summary>
/// AddXSource inside a real generic host: the Quartz scheduler reconciles one poll job per watch, polls the fake
/// X server every second and writes cursors to the real SQLite store. Waits are for observable conditions, bounded.
/// </summary>
[TestFixture]
public sealed class XPollSchedulingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private string _dir = null!;
    private FakeXServer _x = null!;
    private IHost _host = null!;
    private SqliteDatabase _database = null!;

    private IWatchStore Watches => _host.Services.GetRequiredService<IWatchStore>();
    private IMentionStore Store => _host.Services.GetRequiredService<IMentionStore>();

    private async Task StartAsync(string? bearerToken, params Watch[] watches)
    {
        _dir = Path.Combine(Path.GetTempPath(), "mw-xsched-" + Guid.NewGuid().ToString("N"));
        _x = await FakeXServer.StartAsync();
        _x.DefaultReply = new XReply(200, XWire.Page(
            [XWire.Tweet("10", "acme and globex news", "1", new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero))],
            [XWire.User("1", "news", "News", 10)]));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sources:X:BearerToken"] = bearerToken,
            ["Sources:X:BaseUrl"] = _x.BaseUrl.ToString(),
            ["Sources:X:PollIntervalSeconds"] = "1",
        });
        _database = SqliteDatabase.Open(new SqliteStoreOptions { Path = _dir });
        builder.Services.AddSingleton<IMentionStore>(new SqliteMentionStore(_database));
        builder.Services.AddSingleton<IWatchStore>(new SqliteWatchStore(_database));
        builder.Services.AddSingleton<SourceStatusRegistry>();
        builder.Services.AddSingleton<IMentionPipeline>(sp => new StoringPipeline(sp.GetRequiredService<IMentionStore>(), TimeProvider.System));
        builder.Services.AddXSource(builder.Configuration);
        _host = builder.Build();
        foreach (var watch in watches) await Watches.UpsertWatchAsync(watch, CancellationToken.None);
        await _host.StartAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.StopAsync();
        _host.Dispose();
        _database.Dispose();
        await _x.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Host_WatchesAddedAndRemoved_GetAndLosePollJobs()
    {
        await StartAsync("token-1", new Watch("acme", "acme OR \"acme mobile\"", [], []), new Watch("demo-only", "acme source:demo", [], []));

        await Until(async () => await Store.GetCursorAsync("x:acme", CancellationToken.None) == "10", "acme polled and its cursor stored");
        await Watches.UpsertWatchAsync(new Watch("globex", "globex", [], []), CancellationToken.None);
        await Until(async () => await Store.GetCursorAsync("x:globex", CancellationToken.None) == "10", "a watch added later polled");
        await Watches.DeleteWatchAsync("acme", CancellationToken.None);
        await Until(async () => !(await PollJobs()).Contains("acme"), "the deleted watch's job removed");

        Assert.That(_x.Requests.Select(r => r.Query["query"]).Distinct(), Is.EquivalentTo(new[] { "acme OR \"acme mobile\"", "globex" }));
        Assert.That(await PollJobs(), Is.EquivalentTo(new[] { "globex" }), "demo-only restricts itself to another source");
        Assert.That(await Store.GetCursorAsync("x:demo-only", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Host_NoBearerToken_ReportsDisabledAndNeverCallsX()
    {
        await StartAsync(bearerToken: null, new Watch("acme", "acme", [], []));
        var statuses = _host.Services.GetRequiredService<SourceStatusRegistry>();

        await Until(() => Task.FromResult(statuses.Snapshot().Any(s => s.Name == "x" && s.State == "disabled")), "x reported as disabled");

        Assert.That(_x.Requests, Is.Empty);
        Assert.That(await PollJobs(), Is.Empty);
    }

    private async Task<IReadOnlyList<string>> PollJobs()
    {
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(XPollJob.Group), CancellationToken.None);
        return keys.Select(k => k.Name).ToList();
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out after {Patience.TotalSeconds} s waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
