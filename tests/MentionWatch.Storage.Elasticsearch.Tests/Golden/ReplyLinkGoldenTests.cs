using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class ReplyLinkGoldenTests
{
    private const long KettleId = 501;
    private static readonly Mention Kettle = ContractData.Mention("where is my kettle?", needsReply: true, externalId: "m-1");
    private static readonly Mention Reply = ContractData.Mention(
        ContractData.Post("@someone we are on it", externalId: "r-1", createdAt: ContractData.T0.AddMinutes(10), handle: "acme_help", inReplyTo: "m-1"),
        brandOf: ["acme"]);
    private static readonly long ReplyId = MentionKeys.For("push", "r-1").MentionId;
    private static readonly string CreatedInBackingIndex = Responses.BulkItems($$$"""{"create":{"_index":"{{{StoredHits.BackingIndex}}}","status":201}}""");

    [Test]
    public async Task StoreAsync_BrandReplyToAStoredMention_FindsItLinksAndMovesItToReplied()
    {
        using var cluster = new ScriptedCluster
        {
            MentionBulk = _ => (200, CreatedInBackingIndex),
            Search = r => r.Body.Contains("\"must_not\":[{\"exists\"", StringComparison.Ordinal)
                ? (200, StoredHits.Search(StoredHits.Hit(StoredHits.Source(Kettle, KettleId), seqNo: 7)))
                : (200, Responses.NoHits),
            Document = r => r.Method == "PUT" ? (200, StoredHits.Written(8)) : (404, "{}"),
        };
        using var store = await cluster.CreateStoreAsync();

        await store.StoreAsync([Reply], [], CancellationToken.None);

        var requests = cluster.RequestsAfterStart().Skip(4).ToList();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "POST /mentionwatch-mentions/_search",
            "POST /_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason",
            $"PUT /{StoredHits.BackingIndex}/_doc/doc-501?if_seq_no=7&if_primary_term=1",
            "POST /_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason",
        }), "after the bulk: the answered mentions, the link, the mention over the version found, its history");
        Assert.That(requests[0].Body, Is.EqualTo(
            """{"seq_no_primary_term":true,"track_total_hits":false,"query":{"bool":{"filter":[{"term":{"source":"push"}},{"range":{"@timestamp":{"lte":1773144600000,"format":"epoch_millis"}}},{"terms":{"watches":["acme"]}}],"should":[{"terms":{"externalId":["m-1"]}},{"terms":{"conversationId":[]}}],"minimum_should_match":1,"must_not":[{"exists":{"field":"brandPostOf"}}]}},"sort":[{"id":{"order":"asc"}}],"size":1000}"""));
        Assert.That(requests[1].Body, Is.EqualTo(
            $$$"""{"index":{"_index":"mentionwatch-reply-links","_id":"501-{{{ReplyId}}}"}}""" + "\n" +
            $$"""{"mentionId":501,"replyId":{{ReplyId}},"replyAt":"2026-03-10T12:10:00.0000000+00:00","handle":"acme_help"}""" + "\n"));
        var written = JsonNode.Parse(requests[2].Body)!;
        Assert.That(written["triage"]!.GetValue<string>(), Is.EqualTo("replied"));
        Assert.That((written["firstReply"]!["id"]!.GetValue<long>(), written["firstReply"]!["at"]!.GetValue<string>()),
            Is.EqualTo((ReplyId, "2026-03-10T12:10:00.0000000+00:00")));
        Assert.That(requests[3].Body, Does.Contain("""{"_index":"mentionwatch-triage-history","_id":"501-7"}""")
            .And.Contain("\"actor\":\"reply-link\",\"from\":\"new\",\"to\":\"replied\"").And.Contain("\"note\":\"brand reply by @acme_help\""));
    }

    [Test]
    public async Task StoreAsync_MentionWithAWaitingReply_ReadsItsNewDocumentInRealTimeAndLinks()
    {
        var replySource = StoredHits.Source(Reply, ReplyId);
        var kettleDocument = MentionKeys.For("push", "m-1").DocumentId;
        using var cluster = new ScriptedCluster
        {
            MentionBulk = _ => (200, CreatedInBackingIndex),
            Search = r => r.Body.Contains("\"inReplyTo\"", StringComparison.Ordinal)
                ? (200, StoredHits.Search(StoredHits.Hit(replySource, seqNo: 2)))
                : (200, Responses.NoHits),
            Document = r => r.Method == "PUT" ? (200, StoredHits.Written(1)) : (200, StoredHits.Get(StoredHits.Source(Kettle, KettleId), 0, kettleDocument)),
        };
        using var store = await cluster.CreateStoreAsync();

        await store.StoreAsync([Kettle], [], CancellationToken.None);

        var requests = cluster.RequestsAfterStart().Skip(4).ToList();
        Assert.That(requests.Select(r => r.Method + " " + r.Path), Is.EqualTo(new[]
        {
            "POST /mentionwatch-mentions/_search", "POST /_bulk", $"GET /{StoredHits.BackingIndex}/_doc/{kettleDocument}",
            $"PUT /{StoredHits.BackingIndex}/_doc/{kettleDocument}", "POST /_bulk",
        }), "a mention just written is not searchable yet: it is read by id from the backing index the bulk named");
        Assert.That(requests[0].Body, Is.EqualTo(
            """{"seq_no_primary_term":true,"track_total_hits":false,"query":{"bool":{"filter":[{"term":{"source":"push"}},{"exists":{"field":"brandPostOf"}},{"range":{"@timestamp":{"gte":1773144000000,"format":"epoch_millis"}}},{"terms":{"brandPostOf":["acme"]}}],"should":[{"terms":{"inReplyTo":["m-1"]}},{"terms":{"conversationId":["m-1"]}}],"minimum_should_match":1}},"sort":[{"id":{"order":"asc"}}],"size":1000}"""));
        Assert.That(requests[3].PathAndQuery, Does.EndWith("?if_seq_no=0&if_primary_term=1"));
        Assert.That(requests[1].Body, Does.Contain($"\"_id\":\"{MentionKeys.For("push", "m-1").MentionId}-{ReplyId}\""), "keyed by the new mention's id");
    }

    [Test]
    public async Task StoreAsync_SentAgainAfterItWasLinked_WritesTheLinkAgainButNotTheMention()
    {
        var linked = StoredHits.Source(Kettle, KettleId, s =>
        {
            s["triage"] = "replied";
            s["firstReply"] = new JsonObject { ["id"] = ReplyId, ["at"] = "2026-03-10T12:10:00.0000000+00:00" };
        });
        using var cluster = new ScriptedCluster
        {
            MentionBulk = _ => (200, Responses.BulkItems(Responses.ItemConflict)),
            Search = r => r.Body.Contains("\"must_not\":[{\"exists\"", StringComparison.Ordinal)
                ? (200, StoredHits.Search(StoredHits.Hit(linked, seqNo: 8)))
                : (200, Responses.NoHits),
        };
        using var store = await cluster.CreateStoreAsync();

        var result = await store.StoreAsync([Reply], [], CancellationToken.None);

        Assert.That(result.Ids, Is.EqualTo(new long?[] { null }), "the reply itself is a duplicate");
        var requests = cluster.RequestsAfterStart().Skip(4).ToList();
        Assert.That(requests.Select(r => r.Method + " " + r.Path), Is.EqualTo(new[] { "POST /mentionwatch-mentions/_search", "POST /_bulk" }),
            "the link document is overwritten with itself; the mention already has this first reply and state");
    }

    [Test]
    public void Answers_NonBrandReplyOrOtherBrandOrEarlierPost_IsNoLink()
    {
        var mention = LinkSide.Of(KettleId, Kettle);
        var reply = LinkSide.Of(ReplyId, Reply);

        Assert.That(reply.Answers(mention), Is.True);
        Assert.That((reply with { BrandOf = [] }).Answers(mention), Is.False, "a reply that is not a brand post");
        Assert.That((reply with { BrandOf = ["globex"] }).Answers(mention), Is.False, "a brand that is not one of the mention's watches");
        Assert.That((reply with { At = ContractData.T0.AddMinutes(-1) }).Answers(mention), Is.False, "posted before the mention");
        Assert.That((reply with { InReplyTo = null, ConversationId = "m-1" }).Answers(mention), Is.True, "in the conversation the mention started");
        Assert.That((reply with { InReplyTo = null, ConversationId = "c-9" }).Answers(mention with { ConversationId = "c-9" }), Is.True, "in the mention's conversation");
        Assert.That((reply with { Source = "x" }).Answers(mention), Is.False, "another source");
    }
}
