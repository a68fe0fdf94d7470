using System.Text.Json.Nodes;
using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

/// <summary>The audit log's time-ordered ids and the small state stores' requests, exactly as sent.</summary>
public sealed class StateStoresGoldenTests
{
    private static readonly DateTimeOffset T0 = ContractData.T0;
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The state indices are <c>dynamic: strict</c>: a field the store writes without mapping it would be refused.</summary>
    private static void AssertMapped(string index, string body)
    {
        var mapping = IndexDefinitions.StateIndices(new ElasticsearchIndexNames("mentionwatch")).Single(i => i.Index == index).Definition["mappings"]!;
        Assert.That(mapping["dynamic"]!.GetValue<string>(), Is.EqualTo("strict"));
        Assert.That(JsonNode.Parse(body)!.AsObject().Select(p => p.Key), Is.SubsetOf(mapping["properties"]!.AsObject().Select(p => p.Key)), index);
    }

    [Test]
    public async Task CreateAsync_StateIndices_AreCreatedWithTheDeployFiles()
    {
        using var cluster = new ScriptedCluster();

        using var es = await cluster.CreateStoreAsync();

        var deploy = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!Directory.Exists(Path.Combine(deploy.FullName, "deploy", "elasticsearch"))) deploy = deploy.Parent!;
        foreach (var (index, file) in new[]
        {
            ("mentionwatch-alerts", "alerts-index.json"), ("mentionwatch-alert-mention-links", "alert-mention-links-index.json"),
            ("mentionwatch-alert-deliveries", "alert-deliveries-index.json"), ("mentionwatch-alert-delivery-attempts", "alert-delivery-attempts-index.json"),
            ("mentionwatch-alert-rules", "alert-rules-index.json"), ("mentionwatch-audit", "audit-index.json"),
            ("mentionwatch-campaigns", "campaigns-index.json"), ("mentionwatch-watch-adaptations", "watch-adaptations-index.json"),
        })
        {
            var sent = cluster.Invoker.Requests.Single(r => r.Method == "PUT" && r.Path == "/" + index).Body;
            var expected = File.ReadAllText(Path.Combine(deploy.FullName, "deploy", "elasticsearch", file));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(sent), JsonNode.Parse(expected)), Is.True, index);
        }
    }

    [Test]
    public async Task AuditLog_AppendAsync_IdIsTheMillisecondTimesAThousandAndATakenIdMovesToTheNext()
    {
        using var cluster = new ScriptedCluster();
        var taken = 1;
        cluster.Document = r => r.Method == "PUT" && r.Path.StartsWith("/mentionwatch-audit/_doc/", StringComparison.Ordinal) && Interlocked.Decrement(ref taken) >= 0
            ? (409, """{"error":{"type":"version_conflict_engine_exception","reason":"[1773144000000000]: version conflict, document already exists (current version [1])"},"status":409}""")
            : (201, """{"_index":"mentionwatch-audit","_id":"1773144000000001","_version":1,"result":"created","_seq_no":4,"_primary_term":1}""");
        using var es = await cluster.CreateStoreAsync();

        await new ElasticsearchAuditLog(es).AppendAsync(new AuditEntry(0, T0, "admin", "PUT", "/api/v1/watches/{name}", "name=acme", "10.0.0.7", 200), None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "PUT /mentionwatch-audit/_doc/1773144000000000?op_type=create", "PUT /mentionwatch-audit/_doc/1773144000000001?op_type=create",
        }), "another node took the first id; create never overwrites its entry");
        Assert.That(requests[1].Body, Is.EqualTo(
            """{"id":1773144000000001,"at":1773144000000,"actor":"admin","method":"PUT","route":"/api/v1/watches/{name}","target":"name=acme","client":"10.0.0.7","status":200}"""));
        AssertMapped("mentionwatch-audit", requests[1].Body);
    }

    [Test]
    public async Task AuditLog_ReadAsync_WindowAndBeforeIdInOneFilterNewestFirst()
    {
        using var cluster = new ScriptedCluster();
        using var es = await cluster.CreateStoreAsync();

        await new ElasticsearchAuditLog(es).ReadAsync(T0, T0.AddHours(1), 50, 1773144000000007, None);

        var request = cluster.RequestsAfterStart().Single();
        Assert.That(request.Path, Is.EqualTo("/mentionwatch-audit/_search"));
        Assert.That(request.Body, Is.EqualTo(
            """{"size":50,"query":{"bool":{"filter":[{"range":{"at":{"gte":1773144000000,"lt":1773147600000}}},{"range":{"id":{"lt":1773144000000007}}}]}},"sort":[{"id":{"order":"desc"}}]}"""));
    }

    [Test]
    public async Task Campaigns_UpsertAsync_OneDocumentByLowerCaseNameVisibleOnReturn()
    {
        using var cluster = new ScriptedCluster();
        cluster.Document = _ => (201, """{"_index":"mentionwatch-campaigns","_id":"spring launch","_version":1,"result":"created","_seq_no":0,"_primary_term":1}""");
        using var es = await cluster.CreateStoreAsync();

        var created = await new ElasticsearchCampaignStore(es).UpsertCampaignAsync(new Campaign("Spring Launch", ["acme", "globex"], T0, T0.AddDays(7)), None);

        Assert.That(created, Is.True);
        var request = cluster.RequestsAfterStart().Single();
        Assert.That(request.Method + " " + request.PathAndQuery, Is.EqualTo("PUT /mentionwatch-campaigns/_doc/spring%20launch?refresh=wait_for"));
        Assert.That(request.Body, Is.EqualTo("""{"name":"Spring Launch","watches":["acme","globex"],"start":1773144000000,"end":1773748800000}"""));
        AssertMapped("mentionwatch-campaigns", request.Body);
    }

    [Test]
    public async Task Adaptations_SaveAsync_DeltaAsBase64Binary()
    {
        using var cluster = new ScriptedCluster();
        cluster.Document = _ => (200, """{"_index":"mentionwatch-watch-adaptations","_id":"acme","_version":2,"result":"updated","_seq_no":3,"_primary_term":1}""");
        using var es = await cluster.CreateStoreAsync();

        await new ElasticsearchWatchAdaptationStore(es).SaveAdaptationAsync(new StoredAdaptation("Acme", "active", T0, "admin", """{"folds":5}""", [1, 2, 255]), None);

        var request = cluster.RequestsAfterStart().Single();
        Assert.That(request.PathAndQuery, Is.EqualTo("/mentionwatch-watch-adaptations/_doc/acme?refresh=wait_for"));
        Assert.That(request.Body, Is.EqualTo("""{"watch":"Acme","state":"active","trainedAt":1773144000000,"actor":"admin","report":"{\"folds\":5}","delta":"AQL/"}"""));
        AssertMapped("mentionwatch-watch-adaptations", request.Body);
    }
}
