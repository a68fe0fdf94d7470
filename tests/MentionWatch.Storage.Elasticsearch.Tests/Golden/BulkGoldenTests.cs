using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class BulkGoldenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);

    private static Mention RussianComplaint() => ContractData.Mention(
        ContractData.Post("Чайник Acme сломался, помогите @acme_help #Acme", source: "x", externalId: "1789", handle: "ivan", lang: "ru", createdAt: ContractData.T0),
        watches: ["acme"], sentiment: "negative", needsReply: true);

    [Test]
    public async Task StoreAsync_OneMentionWithCursor_SendsCounterLookupBulkCreateThenCursor()
    {
        using var cluster = new ScriptedCluster { MentionBulk = _ => (200, Responses.BulkItems(Responses.ItemCreated)) };
        using var store = await cluster.CreateStoreAsync(timeProvider: new FakeTimeProvider(Now));

        var result = await store.StoreAsync([RussianComplaint()], [new SourceCursor("x:acme", "1789")], CancellationToken.None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "GET /mentionwatch-state/_doc/arrival",
            "PUT /mentionwatch-state/_doc/arrival?op_type=create&refresh=true",
            "POST /mentionwatch-mentions/_search?filter_path=hits.hits._id",
            "POST /_bulk?filter_path=errors,items.*._index,items.*.status,items.*.error.type,items.*.error.reason",
            "POST /mentionwatch-mentions/_search",
            "POST /_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason",
        }));
        Assert.That(requests[1].Body, Is.EqualTo("""{"counter":1,"updatedAt":"2026-12-01T22:00:00.0000000+00:00"}"""));
        Assert.That(requests[2].Body, Is.EqualTo(
            """{"size":1,"_source":false,"track_total_hits":false,"query":{"ids":{"values":["nlRB_XuHdi7hEiyOVW8PYg"]}}}"""));
        Assert.That(requests[3].Body, Is.EqualTo(
            """{"create":{"_index":"mentionwatch-mentions","_id":"nlRB_XuHdi7hEiyOVW8PYg"}}""" + "\n" +
            """{"@timestamp":"2026-03-10T12:00:00.0000000+00:00","id":5570711090327790,"arrival":1,"source":"x","externalId":"1789","url":"https://example.test/1789","text":"Чайник Acme сломался, помогите @acme_help #Acme","hashtags":["acme"],"handles":["acme_help"],"queryTokens":["lang:ru","source:x","from:ivan"],"seenAt":"2026-03-10T12:00:05.0000000+00:00","lang":"ru","postLang":"ru","author":{"id":"a-ivan","handle":"ivan","name":"Name ivan","followers":42},"watches":["acme"],"brandPostOf":[],"sentiment":{"label":"negative","negative":0.8,"neutral":0.15,"positive":0.05},"needsReply":{"value":true,"probability":0.9},"triage":"new"}""" + "\n"));
        Assert.That(requests[4].Body, Does.Contain("\"inReplyTo\":[\"1789\"]"), "after the mentions, the brand replies waiting for them are looked up");
        Assert.That(requests[5].Body, Is.EqualTo(
            """{"index":{"_index":"mentionwatch-cursors","_id":"x:acme"}}""" + "\n" +
            """{"sourceKey":"x:acme","value":"1789","updatedAt":"2026-12-01T22:00:00.0000000+00:00"}""" + "\n"));
        Assert.That(result.Ids, Is.EqualTo(new long?[] { 5570711090327790 }));
        Assert.That(result.Arrivals, Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task StoreAsync_ItemsFailedBy429ParseErrorAndConflict_RetriesDeadLettersAndCountsDuplicate()
    {
        var bulks = 0;
        using var cluster = new ScriptedCluster
        {
            MentionBulk = _ => ++bulks == 1
                ? (200, Responses.BulkItems(Responses.ItemCreated, Responses.ItemRejected, Responses.ItemParseFailed, Responses.ItemConflict))
                : (200, Responses.BulkItems(Responses.ItemCreated)),
        };
        using var store = await cluster.CreateStoreAsync();
        var mentions = new[] { ContractData.Mention("one", externalId: "m-1"), ContractData.Mention("two", externalId: "m-2"), ContractData.Mention("three", externalId: "m-3"), ContractData.Mention("four", externalId: "m-4") };

        var result = await store.StoreAsync(mentions, [new SourceCursor("push:all", "m-4")], CancellationToken.None);

        var bulkRequests = cluster.RequestsAfterStart().Where(r => r.Path == "/_bulk").ToList();
        Assert.That(bulkRequests, Has.Count.EqualTo(4), "first try, the retry of the rejected item, the dead letter, the cursor");
        Assert.That(Lines(bulkRequests[0]), Has.Count.EqualTo(8));
        var retried = Lines(bulkRequests[1]);
        Assert.That(retried, Has.Count.EqualTo(2), "only the rejected item is sent again");
        Assert.That(retried[1], Does.Contain("\"externalId\":\"m-2\""));
        var deadLetter = Lines(bulkRequests[2]);
        Assert.That(deadLetter[0], Does.StartWith("""{"index":{"_index":"mentionwatch-dead-letters","_id":"""));
        Assert.That(deadLetter[1], Does.Contain("\"externalId\":\"m-3\"").And.Contain("\"errorType\":\"document_parsing_exception\"")
            .And.Contain("failed to parse field [sentiment.negative]").And.Contain("\\\"text\\\":\\\"three\\\""), "the refused document itself is kept");
        Assert.That(bulkRequests[3].Body, Does.StartWith("""{"index":{"_index":"mentionwatch-cursors","_id":"push:all"}}"""));
        Assert.That(result.Ids.Select(id => id is not null), Is.EqualTo(new[] { true, true, false, false }));
        Assert.That(store.Statistics.Stored, Is.EqualTo(2));
        Assert.That(store.Statistics.RejectedItems, Is.EqualTo(1));
        Assert.That(store.Statistics.DeadLettered, Is.EqualTo(1));
        Assert.That(store.Statistics.Duplicates, Is.EqualTo(1));
    }

    [Test]
    public async Task StoreAsync_RejectedBeyondEveryRetry_ThrowsAndNeverWritesTheCursor()
    {
        using var cluster = new ScriptedCluster { MentionBulk = _ => (429, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"},"status":429}""") };
        using var store = await cluster.CreateStoreAsync(ScriptedCluster.Options(o => o.BulkMaxRetries = 2));

        var error = Assert.ThrowsAsync<ElasticsearchStoreException>(async () =>
            await store.StoreAsync([ContractData.Mention("kettle")], [new SourceCursor("x:acme", "9")], CancellationToken.None));

        var bulks = cluster.RequestsAfterStart().Where(r => r.Path == "/_bulk").ToList();
        Assert.That(error!.StatusCode, Is.EqualTo(429));
        Assert.That(bulks, Has.Count.EqualTo(3), "one try and two retries");
        Assert.That(bulks, Has.None.Matches<RecordedRequest>(r => r.Body.Contains("mentionwatch-cursors")));
    }

    [Test]
    public async Task StoreAsync_MoreThanMaxDocs_SplitsIntoBoundedRequests()
    {
        using var cluster = new ScriptedCluster();
        cluster.MentionBulk = r => (200, Responses.BulkItems(Enumerable.Repeat(Responses.ItemCreated, Lines(r).Count / 2).ToArray()));
        using var store = await cluster.CreateStoreAsync(ScriptedCluster.Options(o => o.BulkMaxDocs = 4));

        var result = await store.StoreAsync(Enumerable.Range(0, 10).Select(i => ContractData.Mention("kettle " + i)).ToArray(), [], CancellationToken.None);

        var sizes = cluster.RequestsAfterStart().Where(r => r.Path == "/_bulk").Select(r => Lines(r).Count / 2);
        Assert.That(sizes, Is.EqualTo(new[] { 4, 4, 2 }));
        Assert.That(result.Stored, Is.EqualTo(10));
        Assert.That(result.Arrivals, Is.EqualTo(Enumerable.Range(1, 10).Select(i => (long)i)));
    }

    [Test]
    public async Task StoreAsync_MaxBytesReached_StartsANewRequest()
    {
        using var cluster = new ScriptedCluster();
        cluster.MentionBulk = r => (200, Responses.BulkItems(Enumerable.Repeat(Responses.ItemCreated, Lines(r).Count / 2).ToArray()));
        using var store = await cluster.CreateStoreAsync(ScriptedCluster.Options(o => o.BulkMaxBytes = 64 * 1024));
        var longText = new string('к', 9_000); // 18 KB of UTF-8 each: three fit in 64 KiB, not four

        await store.StoreAsync(Enumerable.Range(0, 7).Select(i => ContractData.Mention(longText + i)).ToArray(), [], CancellationToken.None);

        var bulks = cluster.RequestsAfterStart().Where(r => r.Path == "/_bulk").ToList();
        Assert.That(bulks.Select(r => Lines(r).Count / 2), Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(bulks.Select(r => System.Text.Encoding.UTF8.GetByteCount(r.Body)), Is.All.LessThanOrEqualTo(64 * 1024));
    }

    [Test]
    public async Task StoreAsync_IdAlreadyInAnOlderBackingIndex_IsADuplicateWithoutBeingSent()
    {
        var old = ContractData.Mention("kettle", externalId: "old-1");
        var oldId = MentionKeys.For(old.Post.Source, old.Post.ExternalId).DocumentId;
        using var invoker = new ScriptedRequestInvoker(r => r switch
        {
            { Method: "GET", Path: "/" } => (200, Responses.RootInfo),
            { Path: "/_bulk" } => (200, Responses.BulkItems(Enumerable.Repeat(Responses.ItemCreated, Lines(r).Count / 2).ToArray())),
            // A rollover happened since the old post was stored: create cannot see it, the id lookup does.
            { Path: "/mentionwatch-mentions/_search" } when r.Body.Contains("\"ids\"", StringComparison.Ordinal) => (200, "{\"hits\":{\"hits\":[{\"_id\":\"" + oldId + "\"}]}}"),
            // The brand replies waiting for the new post: none.
            { Path: "/mentionwatch-mentions/_search" } => (200, Responses.NoHits),
            { Method: "GET" } => (404, Responses.CounterMissing),
            _ => (200, Responses.Acknowledged),
        });
        using var store = await ElasticsearchStore.CreateAsync(ScriptedCluster.Options(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, invoker, CancellationToken.None);

        var result = await store.StoreAsync([old, ContractData.Mention("new kettle")], [], CancellationToken.None);

        var sent = invoker.Requests.Single(r => r.Path == "/_bulk");
        Assert.That(Lines(sent), Has.Count.EqualTo(2), "only the new post is sent");
        Assert.That(sent.Body, Does.Not.Contain(oldId));
        Assert.That(result.Ids[0], Is.Null);
        Assert.That(result.Ids[1], Is.Not.Null);
        Assert.That(store.Statistics.Duplicates, Is.EqualTo(1));
    }

    private static List<string> Lines(RecordedRequest request) => request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
}
