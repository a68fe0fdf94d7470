using System.Text.Json.Nodes;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class RetagGoldenTests
{
    [Test]
    public async Task RetagAsync_Batch_OneBulkWithIfSeqNoPerMentionAndAConflictDoneAgainOnARealTimeRead()
    {
        var first = StoredHits.Source(ContractData.Mention("kettle one", externalId: "m-1"), 501);
        var second = StoredHits.Source(ContractData.Mention("kettle two", externalId: "m-2"), 502);
        var secondMovedMeanwhile = StoredHits.Source(ContractData.Mention("kettle two", externalId: "m-2"), 502, s => s["triage"] = "assigned");
        using var cluster = new ScriptedCluster
        {
            Search = _ => (200, StoredHits.Search(StoredHits.Hit(first, 3), StoredHits.Hit(second, 4))),
            OtherBulk = _ => (200, Responses.BulkItems("""{"index":{"status":200}}""",
                """{"index":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"[doc-502]: version conflict, required seqNo [4], primary term [1]. current document has seqNo [6] and primary term [1]"}}}""")),
            Document = r => r.Method == "GET" ? (200, StoredHits.Get(secondMovedMeanwhile, 6)) : (200, StoredHits.Written(7)),
        };
        using var store = await cluster.CreateStoreAsync();

        var changed = await new ElasticsearchWatchRetagStore(store).RetagAsync("globex", [(501, true), (502, true), (503, true)], adjustRollups: true, CancellationToken.None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "POST /mentionwatch-mentions/_search",
            "POST /_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason",
            $"GET /{StoredHits.BackingIndex}/_doc/doc-502",
            $"PUT /{StoredHits.BackingIndex}/_doc/doc-502?if_seq_no=6&if_primary_term=1",
        }));
        Assert.That(requests[0].Body, Is.EqualTo("""{"size":3,"seq_no_primary_term":true,"query":{"terms":{"id":[501,502,503]}}}"""));
        var lines = requests[1].Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo($$$"""{"index":{"_index":"{{{StoredHits.BackingIndex}}}","_id":"doc-501","if_seq_no":3,"if_primary_term":1}}"""));
        Assert.That(JsonNode.Parse(lines[1])!["watches"]!.ToJsonString(), Is.EqualTo("""["acme","globex"]"""));
        Assert.That(lines[2], Does.Contain("\"if_seq_no\":4"));
        var again = JsonNode.Parse(requests[3].Body)!;
        Assert.That((again["triage"]!.GetValue<string>(), again["watches"]!.ToJsonString()), Is.EqualTo(("assigned", """["acme","globex"]""")),
            "the move made meanwhile is kept");
        Assert.That(changed, Is.EqualTo(2), "mention 503 is not stored");
    }
}
