using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Loopback;

/// <summary>A crash between an evaluation step's documents and its position: the replay after the restart sends nothing twice.</summary>
[Category("Loopback")]
public sealed class AlertReplayTests
{
    private static readonly DateTimeOffset T0 = ContractData.T0;
    private static readonly CancellationToken None = CancellationToken.None;
    private FakeElasticsearchServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await FakeElasticsearchServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private Task<ElasticsearchStore> NodeAsync() =>
        ElasticsearchStore.CreateAsync(new ElasticsearchStoreOptions { Urls = [_server.Url] }, TimeProvider.System, NullLogger.Instance, None);

    private static AlertChanges Step()
    {
        var alert = new Alert(1, "negative-spike", "spike", "acme", "acme", AlertState.Open, AlertSeverity.Warning, 2, "Negative spike on acme", "2 negative mentions",
            T0, T0.AddMinutes(10), null, null, []);
        var delivery = new DeliveryRecord("1-1-ops-webhook", 1, AlertEventType.Triggered, "ops-webhook", alert, T0.AddMinutes(10), DeliveryState.Pending, 0,
            T0.AddMinutes(10), null, null);
        return new AlertChanges([new AlertRecord(alert, ["ops-webhook"], 1, T0.AddMinutes(10), null, false, false)], [(1L, 101L), (1L, 102L)], [delivery], 42);
    }

    [Test]
    public async Task ApplyAsync_PositionWriteFailsOnceAndTheStepIsReplayedAfterARestart_TheSentDeliveryIsNotQueuedAgain()
    {
        var failures = 1;
        _server.Intercept = (method, path) => method == "PUT" && path.EndsWith("/_doc/alert-evaluation", StringComparison.Ordinal) && Interlocked.Decrement(ref failures) >= 0
            ? (503, FakeSearch.Error("unavailable_shards_exception", "[mentionwatch-state][0] primary shard is not active", 503))
            : null;
        string deliveries;
        using (var before = await NodeAsync())
        {
            var store = new ElasticsearchAlertStore(before);
            deliveries = before.Names.Deliveries;
            Assert.ThrowsAsync<ElasticsearchStoreException>(() => store.ApplyAsync(Step(), None), "the position write failed");
            // The outbox had already picked the delivery up and sent it before the node went down.
            var sent = (await store.PendingDeliveriesAsync(None)).Single();
            await store.RecordAttemptAsync(new DeliveryAttempt(sent.DeliveryId, 1, T0.AddMinutes(11), "delivered", 200, "ok", 9),
                sent with { State = DeliveryState.Delivered, Attempts = 1, DeliveredAt = T0.AddMinutes(11) }, None);
        }

        using var after = await NodeAsync();
        var restarted = new ElasticsearchAlertStore(after);
        var snapshot = await restarted.LoadAsync(None);
        Assert.That(snapshot.EvaluatedArrival, Is.Null, "the position never moved, so the engine evaluates the same mentions again");
        await restarted.ApplyAsync(Step(), None);

        Assert.That(await restarted.PendingDeliveriesAsync(None), Is.Empty, "the replayed step did not queue the delivered event again");
        var stored = _server.State.Documents(deliveries).Single();
        Assert.That(stored.Source["state"]!.GetValue<string>(), Is.EqualTo("delivered"));
        Assert.That(_server.State.Writes.Count(w => w.Index == deliveries), Is.EqualTo(2), "written when queued and when delivered; the replay's create was refused");
        Assert.That((await restarted.LoadAsync(None)).EvaluatedArrival, Is.EqualTo(42));
        var detail = await restarted.GetAsync(1, None);
        Assert.That(detail!.MentionIds, Is.EqualTo(new[] { 102L, 101L }));
        Assert.That(detail.Attempts.Select(a => a.Outcome), Is.EqualTo(new[] { "delivered" }));
    }

    [Test]
    public async Task ApplyAsync_TwoNodesRaceThePosition_ItEndsAtTheHigherValue()
    {
        using var nodeA = await NodeAsync();
        using var nodeB = await NodeAsync();
        var a = new ElasticsearchAlertStore(nodeA);
        var b = new ElasticsearchAlertStore(nodeB);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).ApplyAsync(new AlertChanges([], [], [], i), None))));

        Assert.That((await a.LoadAsync(None)).EvaluatedArrival, Is.EqualTo(40));
        var positions = _server.State.Writes.Where(w => w.Id == "alert-evaluation").Select(w => w.Source["counter"]!.GetValue<long>()).ToList();
        Assert.That(positions, Is.Ordered, "every write moved the position forward");
        Assert.That(JsonNode.DeepEquals(_server.State.Get(nodeA.Names.State, "alert-evaluation")!.Source, new JsonObject { ["counter"] = 40 }), Is.True);
    }
}
