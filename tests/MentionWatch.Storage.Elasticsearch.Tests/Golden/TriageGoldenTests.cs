using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class TriageGoldenTests
{
    private const long Id = 501;
    private static readonly DateTimeOffset At = ContractData.T0.AddHours(1);
    private static readonly Mention Kettle = ContractData.Mention("where is my kettle?", needsReply: true, externalId: "m-1");

    private static TriageRequest Move(string move, string? team = null, string? assignee = null) => new(Id, move, team, assignee, "yours", "anna", At);

    [Test]
    public async Task TriageAsync_AllowedMove_RewritesTheDocumentInItsBackingIndexWithIfSeqNoThenWritesTheHistory()
    {
        using var cluster = new ScriptedCluster
        {
            Search = _ => (200, StoredHits.Search(StoredHits.Hit(StoredHits.Source(Kettle, Id), seqNo: 7))),
            Document = r => r.Method == "PUT" ? (200, StoredHits.Written(8)) : (404, "{}"),
        };
        using var store = await cluster.CreateStoreAsync();
        var support = new ElasticsearchSupportStore(store);

        var outcome = await support.TriageAsync(Move(TriageStates.Assigned, team: "care", assignee: "bob"), CancellationToken.None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "POST /mentionwatch-mentions/_search",
            $"PUT /{StoredHits.BackingIndex}/_doc/doc-501?if_seq_no=7&if_primary_term=1&refresh=wait_for",
            "POST /_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason&refresh=wait_for",
        }));
        Assert.That(requests[0].Body, Is.EqualTo("""{"size":1,"seq_no_primary_term":true,"query":{"term":{"id":501}}}"""));
        var written = JsonNode.Parse(requests[1].Body)!;
        Assert.That((written["triage"]!.GetValue<string>(), written["team"]!.GetValue<string>(), written["assignee"]!.GetValue<string>()),
            Is.EqualTo(("assigned", "care", "bob")));
        Assert.That(written["text"]!.GetValue<string>(), Is.EqualTo("where is my kettle?"), "the whole document is written back, the post kept");
        Assert.That(written["lastChange"]![0]!["_id"]!.GetValue<string>(), Is.EqualTo("501-7"), "the history entry travels with the mention until the next change");
        Assert.That(requests[2].Body, Is.EqualTo(
            """{"index":{"_index":"mentionwatch-triage-history","_id":"501-7"}}""" + "\n" +
            """{"mentionId":501,"seq":7,"at":"2026-03-10T13:00:00.0000000+00:00","actor":"anna","from":"new","to":"assigned","team":"care","assignee":"bob","note":"yours"}""" + "\n"));
        Assert.That(outcome.Result, Is.EqualTo(TriageResult.Changed));
        Assert.That(outcome.Support, Is.EqualTo(new MentionSupport(TriageStates.Assigned, "care", "bob")));
    }

    [Test]
    public async Task TriageAsync_ConflictAndTheWinnerResolvedIt_ReReadsInRealTimeAndRefusesTheMove()
    {
        var resolved = StoredHits.Source(Kettle, Id, s => { s["triage"] = "resolved"; s["team"] = "care"; });
        using var cluster = new ScriptedCluster
        {
            Search = _ => (200, StoredHits.Search(StoredHits.Hit(StoredHits.Source(Kettle, Id), seqNo: 7))),
            Document = r => r.Method == "PUT" ? (409, StoredHits.Conflict) : (200, StoredHits.Get(resolved, 9)),
        };
        using var store = await cluster.CreateStoreAsync();
        var support = new ElasticsearchSupportStore(store);

        var outcome = await support.TriageAsync(Move(TriageStates.Assigned, team: "billing"), CancellationToken.None);

        Assert.That(cluster.RequestsAfterStart().Select(r => r.Method + " " + r.Path), Is.EqualTo(new[]
        {
            "POST /mentionwatch-mentions/_search", $"PUT /{StoredHits.BackingIndex}/_doc/doc-501", $"GET /{StoredHits.BackingIndex}/_doc/doc-501",
        }), "no second write and no history entry: the move is not allowed from what the winner stored");
        Assert.That(outcome.Result, Is.EqualTo(TriageResult.NotAllowed));
        Assert.That(outcome.Current, Is.EqualTo(TriageStates.Resolved));
        Assert.That(outcome.Allowed, Is.EqualTo(new[] { TriageStates.Reopened }));
    }

    [Test]
    public async Task TriageAsync_ConflictAndTheMoveStillAllowed_WritesOverTheVersionReadAgain()
    {
        var assigned = StoredHits.Source(Kettle, Id, s => { s["triage"] = "assigned"; s["team"] = "care"; });
        var puts = 0;
        using var cluster = new ScriptedCluster
        {
            Search = _ => (200, StoredHits.Search(StoredHits.Hit(StoredHits.Source(Kettle, Id), seqNo: 7))),
            Document = r => r.Method == "PUT" ? (++puts == 1 ? (409, StoredHits.Conflict) : (200, StoredHits.Written(10))) : (200, StoredHits.Get(assigned, 9)),
        };
        using var store = await cluster.CreateStoreAsync();
        var support = new ElasticsearchSupportStore(store);

        var outcome = await support.TriageAsync(Move(TriageStates.Resolved), CancellationToken.None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests[3].PathAndQuery, Is.EqualTo($"/{StoredHits.BackingIndex}/_doc/doc-501?if_seq_no=9&if_primary_term=1&refresh=wait_for"));
        Assert.That(JsonNode.Parse(requests[3].Body)!["team"]!.GetValue<string>(), Is.EqualTo("care"), "the winner's team is kept");
        Assert.That(requests[4].Body, Does.Contain("""{"_index":"mentionwatch-triage-history","_id":"501-9"}""")
            .And.Contain("\"from\":\"assigned\",\"to\":\"resolved\""), "the history names the state the move was decided on");
        Assert.That(outcome.Support, Is.EqualTo(new MentionSupport(TriageStates.Resolved, "care")));
    }

    [Test]
    public async Task TriageAsync_Ignored_AlsoWritesTheNeedsReplyCorrection()
    {
        using var cluster = new ScriptedCluster
        {
            Search = _ => (200, StoredHits.Search(StoredHits.Hit(StoredHits.Source(Kettle, Id), seqNo: 3))),
            Document = _ => (200, StoredHits.Written(4)),
        };
        using var store = await cluster.CreateStoreAsync();

        await new ElasticsearchSupportStore(store).TriageAsync(Move(TriageStates.Ignored), CancellationToken.None);

        var history = cluster.RequestsAfterStart()[^1].Body.Split('\n');
        Assert.That(history[2], Is.EqualTo("""{"index":{"_index":"mentionwatch-corrections","_id":"501-3-needsReply"}}"""));
        Assert.That(history[3], Is.EqualTo(
            """{"mentionId":501,"seq":3,"field":"needsReply","oldValue":"true","newValue":"false","actor":"anna","at":"2026-03-10T13:00:00.0000000+00:00","note":null}"""));
    }

    [Test]
    public async Task TriageAsync_AfterAChangeWhoseHistoryWasNotWritten_WritesItBeforeReplacingTheMentionAndHistoryShowsIt()
    {
        // The last move reached the mention but its history entry did not reach its index (a crash in between).
        var pending = new JsonObject
        {
            ["mentionId"] = Id, ["seq"] = 5, ["at"] = "2026-03-10T12:30:00.0000000+00:00", ["actor"] = "bob", ["from"] = "new", ["to"] = "assigned",
            ["team"] = "care", ["assignee"] = null, ["note"] = null,
        };
        var assigned = StoredHits.Source(Kettle, Id, s =>
        {
            s["triage"] = "assigned";
            s["team"] = "care";
            s["lastChange"] = new JsonArray(new JsonObject { ["kind"] = "history", ["_id"] = "501-5", ["doc"] = pending.DeepClone() });
        });
        using var cluster = new ScriptedCluster
        {
            Search = r => r.Path == "/mentionwatch-triage-history/_search" ? (200, Responses.NoHits) : (200, StoredHits.Search(StoredHits.Hit(assigned, seqNo: 6))),
            Document = _ => (200, StoredHits.Written(7)),
        };
        using var store = await cluster.CreateStoreAsync();
        var support = new ElasticsearchSupportStore(store);

        var history = await support.HistoryAsync(Id, CancellationToken.None);
        await support.TriageAsync(Move(TriageStates.Resolved), CancellationToken.None);

        Assert.That(history!.Select(h => (h.Id, h.From, h.To, h.Actor)), Is.EqualTo(new[] { (5L, "new", "assigned", "bob") }), "read from the mention");
        var requests = cluster.RequestsAfterStart().Skip(2).ToList();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "POST /mentionwatch-mentions/_search",
            "POST /_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason",
            $"PUT /{StoredHits.BackingIndex}/_doc/doc-501?if_seq_no=6&if_primary_term=1&refresh=wait_for",
            "POST /_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason&refresh=wait_for",
        }), "the carried entry is made durable before the mention stops carrying it");
        Assert.That(requests[1].Body, Does.StartWith("""{"index":{"_index":"mentionwatch-triage-history","_id":"501-5"}}""" + "\n" + IndexDefinitions.ToJson(pending)));
        Assert.That(requests[3].Body, Does.Contain("\"_id\":\"501-6\"").And.Contain("\"from\":\"assigned\",\"to\":\"resolved\""));
    }

    [Test]
    public async Task TriageAsync_UnknownMention_NotFoundWithoutAWrite()
    {
        using var cluster = new ScriptedCluster();
        using var store = await cluster.CreateStoreAsync();

        var outcome = await new ElasticsearchSupportStore(store).TriageAsync(Move(TriageStates.Assigned), CancellationToken.None);

        Assert.That(outcome.Result, Is.EqualTo(TriageResult.NotFound));
        Assert.That(cluster.RequestsAfterStart().Select(r => r.Method), Is.EqualTo(new[] { "POST" }));
    }

    [Test]
    public async Task SearchAsync_TriageAndTeamFilters_AreTermsOnTheSupportFields()
    {
        using var cluster = new ScriptedCluster();
        using var store = await cluster.CreateStoreAsync();

        await store.SearchAsync(new MentionFilter(Triage: TriageStates.New, Team: "Care"), 10, null, CancellationToken.None);
        await store.SearchAsync(new MentionFilter(Triage: TriageStates.Assigned), 10, null, CancellationToken.None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests[0].Body, Is.EqualTo(
            """{"size":11,"track_total_hits":false,"query":{"bool":{"filter":[{"bool":{"should":[{"term":{"triage":"new"}},{"bool":{"must_not":[{"exists":{"field":"triage"}}]}}],"minimum_should_match":1}},{"term":{"team":{"value":"Care","case_insensitive":true}}}]}},"sort":[{"@timestamp":{"order":"desc"}},{"id":{"order":"desc"}}]}"""));
        Assert.That(requests[1].Body, Does.Contain("""{"bool":{"filter":[{"term":{"triage":"assigned"}}]}}"""));
    }

    [Test]
    public async Task SearchAsync_StoredSupportFields_ReadBackOnTheMention()
    {
        var source = StoredHits.Source(Kettle, Id, s =>
        {
            s["triage"] = "replied";
            s["team"] = "care";
            s["firstReply"] = new JsonObject { ["id"] = 777, ["at"] = "2026-03-10T12:30:00.0000000+00:00" };
        });
        using var cluster = new ScriptedCluster { Search = _ => (200, StoredHits.Search(StoredHits.Hit(source, 5))) };
        using var store = await cluster.CreateStoreAsync();

        var page = await store.SearchAsync(new MentionFilter(), 10, null, CancellationToken.None);

        Assert.That(page.Items.Single().Support, Is.EqualTo(new MentionSupport(TriageStates.Replied, "care", null, new BrandReply(777, ContractData.T0.AddMinutes(30)))));
    }
}
