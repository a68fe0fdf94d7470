using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Tests.Support;
using Quartz;

namespace MentionWatch.Server.Tests.Sources.Support;

/// <summary>
/// The whole service (<see cref="TestServer"/>: real SQLite store, classifier, pipeline, Quartz, every source) with
/// private targets allowed, so sources can be pointed at a <see cref="FakeApiServer"/>. Polls are run through the
/// real <see cref="PollRunner"/> with the source the host registered.
/// </summary>
internal static class SourceServer
{
    public static async Task<TestServer> StartAsync(IDictionary<string, string?> settings, string? storePath = null, Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>(settings) { ["Sources:AllowPrivateTargets"] = "true" };
        var server = await TestServer.StartAsync(all, storePath, configureServices);
        await FirstReconcileDoneAsync(server);
        return server;
    }

    /// <summary>
    /// Each polling source's reconcile job fires once at start and drops the status of targets that are not configured;
    /// a test that polls a target of its own by hand must start after that, or its target's status can vanish under it.
    /// </summary>
    private static async Task FirstReconcileDoneAsync(TestServer server)
    {
        var scheduler = await server.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Wait.ForAsync(async () =>
        {
            foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PollScheduleJob.Group)))
                if ((await scheduler.GetTrigger(new TriggerKey(job.Name, PollScheduleJob.Group)))?.PreviousFireTimeUtc is null) return false;
            var running = await scheduler.QueryFireInstances(new FireInstanceQuery { TriggerGroup = GroupMatcher<TriggerKey>.GroupEquals(PollScheduleJob.Group) });
            return running.Items.Count == 0;
        }, "the first reconcile of every polling source");
    }

    public static Task<PollOutcome> PollAsync<TSource>(this TestServer server, string id, string query)
        where TSource : IPollingSource
    {
        var source = server.Services.GetRequiredService<TSource>();
        return server.Services.GetRequiredService<PollRunner>().RunAsync(source, new PollTarget(id, query, $"watch '{id}'"), CancellationToken.None);
    }

    public static IMentionStore Store(this TestServer server) => server.Services.GetRequiredService<IMentionStore>();

    public static SourceStatus? Status(this TestServer server, string source) =>
        server.Services.GetRequiredService<SourceStatusRegistry>().Snapshot().SingleOrDefault(s => s.Name == source);

    /// <summary>
    /// For a fake upstream's script, written before the server starts: waits for the server, then until it has stored
    /// <paramref name="count"/> posts of <paramref name="source"/>, so a cut comes after the client took what was sent
    /// (a reset makes the client's kernel drop bytes it has not read yet) rather than after a guessed pause.
    /// </summary>
    public static async Task StoredAsync(this Task<TestServer> started, string source, int count, CancellationToken cancellationToken)
    {
        var server = await started.WaitAsync(cancellationToken);
        await Wait.ForAsync(async () => (await server.ExternalIdsAsync(source)).Count >= count, $"{count} {source} post(s) stored", cancellationToken: cancellationToken);
    }

    /// <summary>As <see cref="StoredAsync(Task{TestServer}, string, int, CancellationToken)"/>, for one post by id, when another path (a poll) may store posts too.</summary>
    public static async Task StoredAsync(this Task<TestServer> started, string source, string externalId, CancellationToken cancellationToken)
    {
        var server = await started.WaitAsync(cancellationToken);
        await Wait.ForAsync(async () => (await server.ExternalIdsAsync(source)).Contains(externalId), $"{source} post {externalId} stored", cancellationToken: cancellationToken);
    }

    public static async Task<IReadOnlyList<string>> ExternalIdsAsync(this TestServer server, string source)
    {
        var page = await server.Store().SearchAsync(new MentionFilter(Source: source), 1000, null, CancellationToken.None);
        return page.Items.Select(m => m.Post.ExternalId).ToList();
    }
}
