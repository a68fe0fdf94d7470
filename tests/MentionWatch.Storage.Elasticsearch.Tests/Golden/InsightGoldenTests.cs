using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class InsightGoldenTests
{
    [Test]
    public async Task ResponseRowsAsync_EveryFilter_SendsTheNeedsReplyQueryAndReadsTheRows()
    {
        var source = StoredHits.Source(ContractData.Mention("kettle broke", needsReply: true, sentiment: "negative", externalId: "m-7", handle: "ivan"), 42, s =>
        {
            s["triage"] = "replied";
            s["team"] = "care";
            s["firstReply"] = new JsonObject { ["id"] = 43, ["at"] = "2026-03-10T12:20:00.0000000+00:00" };
        });
        using var cluster = new ScriptedCluster { Search = _ => (200, StoredHits.Search(StoredHits.Hit(source, 1))) };
        using var store = await cluster.CreateStoreAsync();
        var query = new ResponseQuery(["acme"], " care ", "push", "en", ContractData.T0, ContractData.T0.AddDays(1));

        var rows = await new ElasticsearchSupportStore(store).ResponseRowsAsync(query, CancellationToken.None);

        var request = cluster.RequestsAfterStart().Single();
        Assert.That(request.Method + " " + request.PathAndQuery, Is.EqualTo("POST /mentionwatch-mentions/_search"));
        Assert.That(request.Body, Is.EqualTo(
            """{"track_total_hits":false,"_source":["id","source","externalId","author.handle","lang","sentiment.label","@timestamp","triage","team","assignee","firstReply","watches"],"query":{"bool":{"filter":[{"term":{"needsReply.value":true}},{"range":{"@timestamp":{"gte":1773144000000,"lt":1773230400000,"format":"epoch_millis"}}},{"terms":{"watches":["acme"]}},{"term":{"team":{"value":"care","case_insensitive":true}}},{"term":{"source":"push"}},{"term":{"lang":"en"}}],"must_not":[{"exists":{"field":"brandPostOf"}},{"term":{"triage":"ignored"}}]}},"sort":[{"@timestamp":{"order":"asc"}},{"id":{"order":"asc"}}],"size":1000}"""));
        Assert.That(rows.Single(), Is.EqualTo(rows.Single() with
        {
            MentionId = 42, Source = "push", ExternalId = "m-7", AuthorHandle = "ivan", Lang = "en", Sentiment = "negative", CreatedAt = ContractData.T0,
            Triage = "replied", Team = "care", FirstReply = new BrandReply(43, ContractData.T0.AddMinutes(20)),
        }));
        Assert.That(rows[0].Watches, Is.EqualTo(new[] { "acme" }));
    }

    [Test]
    public async Task ComplaintTermsAsync_SignificantText_SendsTheAggregationAndReadsTheRecordedAnswer()
    {
        // Shaped like the reference's significant_text example under a sampler, with our field and counts.
        const string answer =
            """{"took":9,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":40,"relation":"eq"},"max_score":null,"hits":[]},"aggregations":{"sample":{"doc_count":40,"words":{"doc_count":40,"bg_count":400,"buckets":[{"key":"refund","doc_count":12,"score":2.0412345678,"bg_count":16},{"key":"2024","doc_count":9,"score":1.5,"bg_count":12},{"key":"broken","doc_count":12,"score":0.9,"bg_count":40},{"key":"leaks","doc_count":6,"score":0.9,"bg_count":20}]}}}}""";
        const string examples =
            """{"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"hits":[]},"aggregations":{"examples":{"buckets":{"refund":{"doc_count":12,"newest":{"hits":{"total":{"value":12,"relation":"eq"},"max_score":null,"hits":[{"_index":".ds-mentionwatch-mentions-2026.03.10-000001","_id":"a","_score":null,"_source":{"id":9001},"sort":[1773146000000,9001]}]}}},"broken":{"doc_count":12,"newest":{"hits":{"hits":[{"_index":".ds-mentionwatch-mentions-2026.03.10-000001","_id":"b","_source":{"id":9002}}]}}}}}}}""";
        using var cluster = new ScriptedCluster { Search = r => r.Body.Contains("significant_text", StringComparison.Ordinal) ? (200, answer) : (200, examples) };
        using var store = await cluster.CreateStoreAsync();
        var request = new ComplaintTermsRequest(new MentionFilter(Watches: ["acme"], From: ContractData.T0, To: ContractData.T0.AddDays(7)),
            new HashSet<string>(StringComparer.Ordinal) { "the", "acme" }, Limit: 2);

        var result = await new ElasticsearchComplaintTerms(store).ComplaintTermsAsync(request, CancellationToken.None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[] { "POST /mentionwatch-mentions/_search", "POST /mentionwatch-mentions/_search" }));
        Assert.That(requests[0].Body, Is.EqualTo(
            """{"size":0,"track_total_hits":true,"query":{"bool":{"filter":[{"terms":{"watches":["acme"]}},{"term":{"sentiment.label":"negative"}},{"range":{"@timestamp":{"gte":1773144000000,"lt":1773748800000,"format":"epoch_millis"}}}]}},"aggs":{"sample":{"sampler":{"shard_size":20000},"aggs":{"words":{"significant_text":{"field":"text","size":24,"min_doc_count":2,"filter_duplicate_text":true,"jlh":{},"background_filter":{"bool":{"filter":[{"terms":{"watches":["acme"]}},{"range":{"@timestamp":{"gte":1773144000000,"lt":1773748800000,"format":"epoch_millis"}}}]}},"exclude":["acme","the"]}}}}}}"""));
        Assert.That(requests[1].Body, Is.EqualTo(
            """{"size":0,"track_total_hits":false,"query":{"bool":{"filter":[{"terms":{"watches":["acme"]}},{"term":{"sentiment.label":"negative"}},{"range":{"@timestamp":{"gte":1773144000000,"lt":1773748800000,"format":"epoch_millis"}}}]}},"aggs":{"examples":{"filters":{"filters":{"refund":{"term":{"text":"refund"}},"broken":{"term":{"text":"broken"}}}},"aggs":{"newest":{"top_hits":{"size":1,"_source":["id"],"sort":[{"@timestamp":{"order":"desc"}},{"id":{"order":"desc"}}]}}}}}}"""));
        Assert.That((result.NegativeMentions, result.Mentions, result.Sampled), Is.EqualTo((40, 400, false)));
        Assert.That(result.Terms, Is.EqualTo(new[]
        {
            new ComplaintTerm("refund", 12, 16, 2.041235, 9001),
            new ComplaintTerm("broken", 12, 40, 0.9, 9002),
        }), "numbers are left out; a tie on score goes to the word in more negative mentions");
    }

    [Test]
    public async Task ComplaintTermsAsync_NoNegativeMentions_AsksNothingMore()
    {
        const string empty =
            """{"took":1,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"hits":[]},"aggregations":{"sample":{"doc_count":0,"words":{"doc_count":0,"bg_count":12,"buckets":[]}}}}""";
        using var cluster = new ScriptedCluster { Search = _ => (200, empty) };
        using var store = await cluster.CreateStoreAsync();

        var result = await new ElasticsearchComplaintTerms(store).ComplaintTermsAsync(
            new ComplaintTermsRequest(new MentionFilter(), new HashSet<string>(), 10), CancellationToken.None);

        Assert.That(result, Is.EqualTo(result with { NegativeMentions = 0, Mentions = 12, Sampled = false }));
        Assert.That(result.Terms, Is.Empty);
        Assert.That(cluster.RequestsAfterStart(), Has.Count.EqualTo(1));
    }
}
