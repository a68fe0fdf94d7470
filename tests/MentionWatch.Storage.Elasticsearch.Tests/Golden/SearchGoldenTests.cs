using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class SearchGoldenTests
{
    [Test]
    public async Task SearchAsync_QueryAndEveryFilter_SendsExactQueryDsl()
    {
        using var cluster = new ScriptedCluster();
        using var store = await cluster.CreateStoreAsync();
        var filter = new MentionFilter(Query: QueryParser.Parse("(kettle OR чайник) \"support team\" acme* -spam #acme from:@Ivan"), Watch: "acme",
            Sentiment: "negative", NeedsReply: true, Source: "x", Lang: "ru", From: ContractData.T0, To: ContractData.T0.AddDays(1));

        var page = await store.SearchAsync(filter, 50, null, CancellationToken.None);

        var request = cluster.RequestsAfterStart().Single();
        Assert.That(request.Method + " " + request.PathAndQuery, Is.EqualTo("POST /mentionwatch-mentions/_search"));
        Assert.That(request.Body, Is.EqualTo(
            """{"size":51,"track_total_hits":false,"query":{"bool":{"filter":[{"bool":{"filter":[{"bool":{"should":[{"match_phrase":{"text":"kettle"}},{"match_phrase":{"text":"чайник"}}],"minimum_should_match":1}},{"match_phrase":{"text":"support team"}},{"prefix":{"text":"acme"}},{"term":{"hashtags":"acme"}},{"term":{"queryTokens":"from:ivan"}}],"must_not":[{"match_phrase":{"text":"spam"}}]}},{"terms":{"watches":["acme"]}},{"term":{"sentiment.label":"negative"}},{"term":{"needsReply.value":true}},{"term":{"queryTokens":"source:x"}},{"term":{"queryTokens":"lang:ru"}},{"range":{"@timestamp":{"gte":1773144000000,"lt":1773230400000,"format":"epoch_millis"}}}]}},"sort":[{"@timestamp":{"order":"desc"}},{"id":{"order":"desc"}}]}"""));
        Assert.That(page.Items, Is.Empty);
        Assert.That(page.NextCursor, Is.Null);
    }

    [TestCase("-spam", """{"bool":{"must_not":[{"match_phrase":{"text":"spam"}}]}}""")]
    [TestCase("@acme", """{"term":{"handles":"acme"}}""")]
    [TestCase("lang:RU", """{"term":{"queryTokens":"lang:ru"}}""")]
    [TestCase("ёлка", """{"match_phrase":{"text":"елка"}}""")]
    public void Translate_QueryNode_IsTheExpectedClause(string query, string expected)
    {
        Assert.That(IndexDefinitions.ToJson(QueryDslTranslator.Node(QueryParser.Parse(query))), Is.EqualTo(expected));
    }

    [Test]
    public async Task SearchAsync_NoFilter_MatchesAll()
    {
        using var cluster = new ScriptedCluster();
        using var store = await cluster.CreateStoreAsync();

        await store.SearchAsync(new MentionFilter(Watch: " ", Source: ""), 10, null, CancellationToken.None);

        Assert.That(cluster.RequestsAfterStart().Single().Body, Is.EqualTo(
            """{"size":11,"track_total_hits":false,"query":{"match_all":{}},"sort":[{"@timestamp":{"order":"desc"}},{"id":{"order":"desc"}}]}"""));
    }

    [Test]
    public async Task SearchAsync_FullPage_ReturnsCursorThatTheNextPageSendsAsSearchAfter()
    {
        var mentions = Enumerable.Range(0, 3).Select(i => (ContractData.Mention("kettle " + i, createdAt: ContractData.T0.AddMinutes(-i)), Id: 300L - i)).ToList();
        using var cluster = new ScriptedCluster();
        cluster.Search = r => r.Body.Contains("search_after") ? (200, SearchHits.Response(mentions.Skip(2))) : (200, SearchHits.Response(mentions));
        using var store = await cluster.CreateStoreAsync();

        var first = await store.SearchAsync(new MentionFilter(), 2, null, CancellationToken.None);
        var second = await store.SearchAsync(new MentionFilter(), 2, first.NextCursor, CancellationToken.None);

        Assert.That(first.Items.Select(m => m.Id), Is.EqualTo(new[] { 300L, 299L }));
        Assert.That(first.NextCursor, Is.Not.Null);
        var secondRequest = cluster.RequestsAfterStart()[1].Body;
        Assert.That(secondRequest, Does.EndWith($$""","search_after":[{{ContractData.T0.AddMinutes(-1).ToUnixTimeMilliseconds()}},299]}"""));
        Assert.That(second.Items.Select(m => m.Id), Is.EqualTo(new[] { 298L }));
        Assert.That(second.NextCursor, Is.Null);
        Assert.That(second.Items[0].Post, Is.EqualTo(mentions[2].Item1.Post), "the _source reads back into the same post");
    }

    [Test]
    public async Task SearchAsync_CursorOfTheSqliteStore_IsRejected()
    {
        using var cluster = new ScriptedCluster();
        using var store = await cluster.CreateStoreAsync();

        Assert.That(async () => await store.SearchAsync(new MentionFilter(), 10, "AQAAAAAAAAAq", CancellationToken.None), Throws.InstanceOf<InvalidCursorException>());
        Assert.That(cluster.RequestsAfterStart(), Is.Empty);
    }

    [Test]
    public async Task ExportAsync_TwoPages_OpensPointInTimePagesWithSearchAfterAndClosesIt()
    {
        var all = Enumerable.Range(0, MentionSearch.ExportPageSize + 5).Select(i => (ContractData.Mention("kettle " + i, createdAt: ContractData.T0.AddSeconds(-i)), Id: 5000L - i)).ToList();
        using var cluster = new ScriptedCluster();
        cluster.Fallback = r => r switch
        {
            { Method: "POST", Path: "/mentionwatch-mentions/_pit" } => (200, """{"id":"pit-1"}"""),
            { Method: "DELETE", Path: "/_pit" } => (200, """{"succeeded":true,"num_freed":1}"""),
            _ => (404, "{}"),
        };
        cluster.Search = r => r.Body.Contains("search_after")
            ? (200, SearchHits.Response(all.Skip(MentionSearch.ExportPageSize), pitId: "pit-2", withShardDoc: true))
            : (200, SearchHits.Response(all.Take(MentionSearch.ExportPageSize), pitId: "pit-2", withShardDoc: true));
        using var store = await cluster.CreateStoreAsync();

        var exported = new List<long>();
        await foreach (var mention in store.ExportAsync(new MentionFilter(Query: QueryParser.Parse("kettle")), CancellationToken.None)) exported.Add(mention.Id);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "POST /mentionwatch-mentions/_pit?keep_alive=2m", "POST /_search", "POST /_search", "DELETE /_pit",
        }));
        Assert.That(requests[1].Body, Is.EqualTo(
            """{"size":1000,"track_total_hits":false,"query":{"bool":{"filter":[{"match_phrase":{"text":"kettle"}}]}},"pit":{"id":"pit-1","keep_alive":"2m"},"sort":[{"@timestamp":{"order":"desc"}},{"id":{"order":"desc"}},{"_shard_doc":"desc"}]}"""));
        Assert.That(requests[2].Body, Does.Contain("\"pit\":{\"id\":\"pit-2\"").And.EndWith($$""","search_after":[{{ContractData.T0.AddSeconds(-999).ToUnixTimeMilliseconds()}},4001,999]}"""));
        Assert.That(requests[3].Body, Is.EqualTo("""{"id":"pit-2"}"""));
        Assert.That(exported, Is.EqualTo(all.Select(a => a.Id)));
    }

    [Test]
    public async Task ReadArrivedAfterAsync_LargeLimit_AsksForOneResultWindowInArrivalOrder()
    {
        using var cluster = new ScriptedCluster();
        using var store = await cluster.CreateStoreAsync();

        var read = await store.ReadArrivedAfterAsync(41, 50_000, CancellationToken.None);

        Assert.That(cluster.RequestsAfterStart().Single().Body, Is.EqualTo(
            """{"size":10000,"track_total_hits":false,"query":{"range":{"arrival":{"gt":41}}},"sort":[{"arrival":{"order":"asc"}}]}"""));
        Assert.That(read, Is.Empty);
    }
}
