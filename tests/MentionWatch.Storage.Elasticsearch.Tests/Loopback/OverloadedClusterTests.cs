using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Loopback;

[Category("Loopback")]
public sealed class OverloadedClusterTests
{
    private FakeElasticsearchServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await FakeElasticsearchServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private Task<ElasticsearchStore> StoreAsync(Action<ElasticsearchStoreOptions>? configure = null)
    {
        var options = new ElasticsearchStoreOptions { Urls = [_server.Url], RetryBaseDelayMilliseconds = 1, BulkMaxRetries = 8, BulkMaxDocs = 20 };
        configure?.Invoke(options);
        return ElasticsearchStore.CreateAsync(options, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
    }

    [Test]
    public async Task StoreAsync_OverloadedClusterAndTwoNodes_StoresEveryPostOnceAndEachCursorAfterItsMentions()
    {
        using var nodeA = await StoreAsync();
        using var nodeB = await StoreAsync();
        _server.RejectWholeBulks = 3;
        _server.RejectHalfOfBulkItems = 6;
        // 2 nodes x 3 writers x 4 batches of 30 posts; each writer's posts overlap the next writer's by half: 360 distinct posts.
        var batches = new List<(ElasticsearchStore Node, string CursorKey, string CursorValue, Mention[] Posts)>();
        for (var writer = 0; writer < 6; writer++)
            for (var batch = 0; batch < 4; batch++)
                batches.Add((writer % 2 == 0 ? nodeA : nodeB, $"w{writer}", $"{batch}",
                    Enumerable.Range(0, 30).Select(i => ContractData.Mention($"overloaded kettle {writer} {batch} {i}", createdAt: ContractData.T0.AddSeconds(i),
                        externalId: $"p-{(writer * 60 + batch * 30 + i) % 360}")).ToArray()));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            var stored = new List<StoreBatchResult>();
            foreach (var b in batches.Where(b => b.CursorKey == $"w{writer}"))
                stored.Add(await b.Node.StoreAsync(b.Posts, [new SourceCursor(b.CursorKey, b.CursorValue)], CancellationToken.None));
            return stored;
        })));

        var mentions = _server.State.Documents(nodeA.Names.Mentions);
        Assert.That(mentions.Select(d => d.Source["externalId"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(360));
        Assert.That(mentions, Has.Count.EqualTo(360), "every post stored exactly once");
        Assert.That(results.SelectMany(r => r).Sum(r => r.Stored), Is.EqualTo(360));
        Assert.That(nodeA.Statistics.RejectedItems + nodeB.Statistics.RejectedItems, Is.GreaterThan(0), "the cluster did push back");
        Assert.That(mentions.Select(d => d.Source["arrival"]!.GetValue<long>()).Distinct().Count(), Is.EqualTo(360), "arrival numbers are unique across nodes");

        var writes = _server.State.Writes;
        foreach (var (_, key, value, posts) in batches)
        {
            var cursorWrite = writes.Single(w => w.Index == nodeA.Names.Cursors && w.Id == key && w.Source["value"]!.GetValue<string>() == value);
            var postIds = posts.Select(p => MentionKeys.For(p.Post.Source, p.Post.ExternalId).DocumentId).ToHashSet();
            var mentionWrites = writes.Where(w => w.Index == nodeA.Names.Mentions && postIds.Contains(w.Id)).ToList();
            Assert.That(mentionWrites, Has.Count.EqualTo(posts.Length));
            Assert.That(mentionWrites.Max(w => w.Sequence), Is.LessThan(cursorWrite.Sequence), $"cursor {key}={value} written after its mentions");
        }
        Assert.That(await nodeB.GetCursorAsync("w0", CancellationToken.None), Is.EqualTo("3"));
    }

    [Test]
    public async Task StoreAsync_AfterRestart_SameBatchAgainIsAllDuplicatesAndReadsBack()
    {
        var batch = Enumerable.Range(0, 25).Select(i => ContractData.Mention($"durable kettle {i}", externalId: $"r-{i}", createdAt: ContractData.T0.AddMinutes(i))).ToArray();
        long firstId;
        using (var before = await StoreAsync())
        {
            _server.RejectHalfOfBulkItems = 1;
            var first = await before.StoreAsync(batch, [new SourceCursor("x:acme", "25")], CancellationToken.None);
            Assert.That(first.Stored, Is.EqualTo(25));
            firstId = first.Ids[0]!.Value;
        }

        using var after = await StoreAsync();
        var again = await after.StoreAsync(batch, [new SourceCursor("x:acme", "25")], CancellationToken.None);

        Assert.That(again.Stored, Is.Zero);
        Assert.That(again.Duplicates, Is.EqualTo(25));
        Assert.That(await after.CountAsync(CancellationToken.None), Is.EqualTo(25));
        Assert.That(await after.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("25"));
        var stored = await after.GetAsync(firstId, CancellationToken.None);
        Assert.That(stored!.Post, Is.EqualTo(batch[0].Post));
        Assert.That(stored.Sentiment, Is.EqualTo(batch[0].Sentiment));
        Assert.That(_server.State.Templates[after.Names.Mentions]!["_meta"]!["version"]!.GetValue<int>(), Is.EqualTo(IndexDefinitions.Version));
    }

    [Test]
    public async Task StoreAsync_ClusterStaysOverloaded_ThrowsAndTheCursorStaysWhereItWas()
    {
        using var store = await StoreAsync(o => o.BulkMaxRetries = 2);
        await store.StoreAsync([ContractData.Mention("first")], [new SourceCursor("x:acme", "1")], CancellationToken.None);
        _server.RejectWholeBulks = 100;

        Assert.That(async () => await store.StoreAsync([ContractData.Mention("second")], [new SourceCursor("x:acme", "2")], CancellationToken.None),
            Throws.InstanceOf<ElasticsearchStoreException>().With.Property(nameof(ElasticsearchStoreException.StatusCode)).EqualTo(429));

        Assert.That(await store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("1"));
        Assert.That(await store.CountAsync(CancellationToken.None), Is.EqualTo(1));
    }

    [Test]
    public async Task ReadArrivedAfterAsync_AcrossBatches_ReturnsArrivalOrderFromTheGivenPosition()
    {
        using var store = await StoreAsync();
        await store.StoreAsync([ContractData.Mention("a", createdAt: ContractData.T0.AddHours(2)), ContractData.Mention("b", createdAt: ContractData.T0)], [], CancellationToken.None);
        var second = await store.StoreAsync([ContractData.Mention("c", createdAt: ContractData.T0.AddHours(1))], [], CancellationToken.None);

        var all = await store.ReadArrivedAfterAsync(0, 100, CancellationToken.None);
        var tail = await store.ReadArrivedAfterAsync(2, 100, CancellationToken.None);

        Assert.That(all.Select(m => m.Post.Text), Is.EqualTo(new[] { "a", "b", "c" }), "arrival order, not post time");
        Assert.That(all.Select(m => m.Arrival), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(tail.Select(m => m.Post.Text), Is.EqualTo(new[] { "c" }));
        Assert.That(await store.LastArrivalAsync(CancellationToken.None), Is.EqualTo(second.Arrivals![0]));
    }

    [Test]
    public async Task Watches_UpsertGetListDelete_RoundTrip()
    {
        using var store = await StoreAsync();
        var acme = new Watch("acme", "acme OR \"acme kettle\"", ["acme_help"], ["globex"]);

        var created = await store.UpsertWatchAsync(acme, CancellationToken.None);
        var replaced = await store.UpsertWatchAsync(acme with { Query = "acme" }, CancellationToken.None);
        await store.UpsertWatchAsync(new Watch("globex", "globex", [], []), CancellationToken.None);

        Assert.That(created, Is.True);
        Assert.That(replaced, Is.False);
        var stored = await store.GetWatchAsync("acme", CancellationToken.None);
        Assert.That(stored!.Query, Is.EqualTo("acme"));
        Assert.That(stored.OwnHandles, Is.EqualTo(new[] { "acme_help" }));
        Assert.That((await store.ListWatchesAsync(CancellationToken.None)).Select(w => w.Name), Is.EqualTo(new[] { "acme", "globex" }));
        Assert.That(await store.DeleteWatchAsync("acme", CancellationToken.None), Is.True);
        Assert.That(await store.DeleteWatchAsync("acme", CancellationToken.None), Is.False);
        Assert.That(await store.GetWatchAsync("acme", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Create_OneLineFactory_ConnectsAndPreparesTheCluster()
    {
        var options = new ElasticsearchStoreOptions { Urls = [_server.Url], IndexPrefix = "one-line" };

        using var store = ElasticsearchStore.Create(options, TimeProvider.System, NullLogger.Instance);

        Assert.That(await store.CountAsync(CancellationToken.None), Is.Zero);
        Assert.That(_server.State.Policies.Keys, Is.EqualTo(new[] { "one-line-mentions" }));
        Assert.That(_server.State.IndexExists("one-line-cursors"), Is.True);
    }
}
