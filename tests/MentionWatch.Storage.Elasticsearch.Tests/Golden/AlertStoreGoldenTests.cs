using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

/// <summary>The alert store's requests, exactly as the client sends them, against answers shaped like the reference's examples.</summary>
public sealed class AlertStoreGoldenTests
{
    private const string BulkPath = "/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason";
    private const string PositionPath = "/mentionwatch-state/_doc/alert-evaluation";
    private static readonly DateTimeOffset T0 = ContractData.T0;
    private static readonly CancellationToken None = CancellationToken.None;

    private static Alert SomeAlert(AlertState state = AlertState.Open) =>
        new(7, "negative-spike", "spike", "acme", "acme", state, AlertSeverity.Warning, 2, "Negative spike on acme", "2 negative mentions",
            T0, T0.AddMinutes(10), null, null, [new AlertMention(101, "x", "t-101", null, "чайник сломался", new AlertAuthor("ivan", null, 42), T0, "negative", true, 0.5f)]);

    private static DeliveryRecord Delivery(DeliveryState state = DeliveryState.Pending, int attempts = 0) =>
        new("7-1-ops-webhook", 7, AlertEventType.Triggered, "ops-webhook", SomeAlert(), T0.AddMinutes(10), state, attempts, T0.AddMinutes(10), null, null);

    private static AlertChanges Step(long? position) =>
        new([new AlertRecord(SomeAlert(), ["ops-webhook"], 1, T0.AddMinutes(10), null, false, false)], [(7L, 101L)], [Delivery()], position);

    /// <summary>A fresh cluster's answers plus the position document (missing unless <paramref name="position"/> is given).</summary>
    private static ScriptedCluster Cluster(long? position = null, long seqNo = 12)
    {
        var cluster = new ScriptedCluster();
        cluster.Fallback = r => (r.Method, r.Path) switch
        {
            ("GET", PositionPath) when position is null => (404, """{"_index":"mentionwatch-state","_id":"alert-evaluation","found":false}"""),
            ("GET", PositionPath) => (200, $$$"""{"_index":"mentionwatch-state","_id":"alert-evaluation","_version":3,"_seq_no":{{{seqNo}}},"_primary_term":2,"found":true,"_source":{"counter":{{{position}}}}}"""),
            ("POST", _) when r.Path.EndsWith("/_refresh", StringComparison.Ordinal) => (200, """{"_shards":{"total":2,"successful":1,"failed":0}}"""),
            _ => (404, $$"""{"error":{"type":"not_scripted","reason":"{{r.Path}}"},"status":404}"""),
        };
        return cluster;
    }

    private static string[] Lines(RecordedRequest request) => request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public async Task ApplyAsync_Step_OneBulkOfAlertLinkAndDeliveryThenThePositionCreated()
    {
        using var cluster = Cluster();
        using var es = await cluster.CreateStoreAsync();

        await new ElasticsearchAlertStore(es).ApplyAsync(Step(42), None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "POST " + BulkPath, "GET " + PositionPath, "PUT " + PositionPath + "?op_type=create",
        }), "the position is written last, after the bulk that it covers");
        var lines = Lines(requests[0]);
        Assert.That(lines[0], Is.EqualTo("""{"index":{"_index":"mentionwatch-alerts","_id":"7"}}"""));
        Assert.That(lines[1], Does.StartWith("""{"id":7,"rule":"negative-spike","watch":"acme","state":"open","updatedAt":1773144600000,"record":{"alert":{"id":7,"""));
        Assert.That(lines[1], Does.Contain("\"text\":\"чайник сломался\"").And.Contain("\"notifiers\":[\"ops-webhook\"]"));
        Assert.That(lines[2], Is.EqualTo("""{"index":{"_index":"mentionwatch-alert-mention-links","_id":"7-101"}}"""));
        Assert.That(lines[3], Is.EqualTo("""{"alertId":7,"mentionId":101}"""));
        Assert.That(lines[4], Is.EqualTo("""{"create":{"_index":"mentionwatch-alert-deliveries","_id":"7-1-ops-webhook"}}"""), "a delivery is queued once: create, never index");
        Assert.That(lines[5], Does.StartWith("""{"deliveryId":"7-1-ops-webhook","alertId":7,"state":"pending","createdAt":1773144600000,"record":{"deliveryId":"7-1-ops-webhook","alertId":7,"event":"triggered","""));
        Assert.That(requests[2].Body, Is.EqualTo("""{"counter":42}"""));
    }

    [Test]
    public async Task ApplyAsync_PositionBehind_WrittenOnlyIfNobodyChangedItSince()
    {
        using var cluster = Cluster(position: 30, seqNo: 12);
        using var es = await cluster.CreateStoreAsync();

        await new ElasticsearchAlertStore(es).ApplyAsync(new AlertChanges([], [], [], 42), None);

        Assert.That(cluster.RequestsAfterStart().Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "GET " + PositionPath, "PUT " + PositionPath + "?if_seq_no=12&if_primary_term=2",
        }));
    }

    [Test]
    public async Task ApplyAsync_PositionAhead_NeverWrittenBack()
    {
        using var cluster = Cluster(position: 50);
        using var es = await cluster.CreateStoreAsync();

        await new ElasticsearchAlertStore(es).ApplyAsync(new AlertChanges([], [], [], 40), None);

        Assert.That(cluster.RequestsAfterStart().Select(r => r.Method + " " + r.Path), Is.EqualTo(new[] { "GET " + PositionPath }));
    }

    [Test]
    public async Task ApplyAsync_ItemRefused_ThrowsNamingTheDocumentAndLeavesThePositionAlone()
    {
        using var cluster = Cluster();
        cluster.OtherBulk = _ => (200, """{"errors":true,"items":[{"index":{"status":200}},{"index":{"status":201}},{"create":{"status":400,"error":{"type":"document_parsing_exception","reason":"[1:2] failed to parse"}}}]}""");
        using var es = await cluster.CreateStoreAsync();

        var error = Assert.ThrowsAsync<ElasticsearchStoreException>(() => new ElasticsearchAlertStore(es).ApplyAsync(Step(42), None));

        Assert.That(error!.Message, Does.Contain("mentionwatch-alert-deliveries/7-1-ops-webhook: document_parsing_exception"));
        Assert.That(cluster.RequestsAfterStart().Select(r => r.Path), Has.None.EqualTo(PositionPath));
    }

    [Test]
    public async Task ApplyAsync_DeliveryAlreadyQueued_TheConflictIsAReplayNotAnError()
    {
        using var cluster = Cluster();
        cluster.OtherBulk = _ => (200, """{"errors":true,"items":[{"index":{"status":200}},{"index":{"status":200}},{"create":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"[7-1-ops-webhook]: version conflict, document already exists (current version [2])"}}}]}""");
        using var es = await cluster.CreateStoreAsync();

        await new ElasticsearchAlertStore(es).ApplyAsync(Step(42), None);

        Assert.That(cluster.RequestsAfterStart().Last().Method + " " + cluster.RequestsAfterStart().Last().PathAndQuery, Is.EqualTo("PUT " + PositionPath + "?op_type=create"));
    }

    [Test]
    public async Task PendingDeliveriesAsync_RefreshesThenSearchesPendingOldestFirst()
    {
        using var cluster = Cluster();
        var stored = AlertDocuments.Delivery(Delivery());
        cluster.Search = _ => (200, $$$"""{"took":1,"timed_out":false,"hits":{"hits":[{"_index":"mentionwatch-alert-deliveries","_id":"7-1-ops-webhook","_score":null,"_source":{{{stored.ToJsonString()}}},"sort":[1773144600000,"7-1-ops-webhook"]}]}}""");
        using var es = await cluster.CreateStoreAsync();

        var pending = await new ElasticsearchAlertStore(es).PendingDeliveriesAsync(None);

        var requests = cluster.RequestsAfterStart();
        Assert.That(requests.Select(r => r.Method + " " + r.Path), Is.EqualTo(new[]
        {
            "POST /mentionwatch-alert-deliveries/_refresh", "POST /mentionwatch-alert-deliveries/_search",
        }), "a delivery marked delivered just before a restart is searchable before the outbox resumes");
        Assert.That(requests[1].Body, Is.EqualTo(
            """{"size":1000,"query":{"term":{"state":"pending"}},"sort":[{"createdAt":{"order":"asc"}},{"deliveryId":{"order":"asc"}}]}"""));
        Assert.That(pending.Single().Alert.Mentions.Single().Text, Is.EqualTo("чайник сломался"));
        Assert.That(pending.Single() with { Alert = null! }, Is.EqualTo(Delivery() with { Alert = null! }));
    }

    [Test]
    public async Task RecordAttemptAsync_TheAttemptAndTheDeliveryStateInOneBulk()
    {
        using var cluster = Cluster();
        cluster.OtherBulk = _ => (200, """{"errors":false,"items":[{"index":{"status":201}},{"index":{"status":200}}]}""");
        using var es = await cluster.CreateStoreAsync();
        var delivered = Delivery(DeliveryState.Delivered, attempts: 1) with { DeliveredAt = T0.AddMinutes(11) };

        await new ElasticsearchAlertStore(es).RecordAttemptAsync(
            new DeliveryAttempt("7-1-ops-webhook", 1, T0.AddMinutes(11), "delivered", 200, "ok", 12.5), delivered, None);

        var request = cluster.RequestsAfterStart().Single();
        Assert.That(request.PathAndQuery, Is.EqualTo(BulkPath));
        var lines = Lines(request);
        Assert.That(lines[0], Is.EqualTo("""{"index":{"_index":"mentionwatch-alert-delivery-attempts","_id":"7-1-ops-webhook#1"}}"""));
        Assert.That(lines[1], Is.EqualTo("""{"deliveryId":"7-1-ops-webhook","alertId":7,"attempt":1,"at":1773144660000,"outcome":"delivered","statusCode":200,"detail":"ok","durationMs":12.5}"""));
        Assert.That(lines[2], Is.EqualTo("""{"index":{"_index":"mentionwatch-alert-deliveries","_id":"7-1-ops-webhook"}}"""));
        Assert.That(lines[3], Does.StartWith("""{"deliveryId":"7-1-ops-webhook","alertId":7,"state":"delivered","createdAt":1773144600000,"record":{"""));
    }

    [Test]
    public async Task ListAsync_StateRuleWatchAndBefore_OneFilterNewestFirstWithOneExtraForTheNextPage()
    {
        using var cluster = Cluster();
        using var es = await cluster.CreateStoreAsync();

        var page = await new ElasticsearchAlertStore(es).ListAsync(new AlertQuery(AlertState.Open, "Negative-Spike", "ACME", 20, 99), None);

        Assert.That(page.Items, Is.Empty);
        var request = cluster.RequestsAfterStart().Single();
        Assert.That(request.Path, Is.EqualTo("/mentionwatch-alerts/_search"));
        Assert.That(request.Body, Is.EqualTo(
            """{"size":21,"query":{"bool":{"filter":[{"term":{"state":"open"}},{"term":{"rule":{"value":"Negative-Spike","case_insensitive":true}}},{"term":{"watch":{"value":"ACME","case_insensitive":true}}},{"range":{"id":{"lt":99}}}]}},"sort":[{"id":{"order":"desc"}}]}"""));
    }

    [Test]
    public void StateDocuments_EveryFieldTheyWrite_IsInTheirStrictMapping()
    {
        var names = new ElasticsearchIndexNames("mentionwatch");
        var mappings = IndexDefinitions.StateIndices(names).ToDictionary(i => i.Index, i => i.Definition["mappings"]!);
        var record = new AlertRecord(SomeAlert() with { AcknowledgedAt = T0 }, ["ops-webhook"], 1, T0, T0, true, true);
        var documents = new (string Index, JsonObject Document)[]
        {
            (names.Alerts, AlertDocuments.Alert(record)),
            (names.AlertMentionLinks, AlertDocuments.Link(7, 101)),
            (names.Deliveries, AlertDocuments.Delivery(Delivery() with { LastError = "HTTP 500", DeliveredAt = T0 })),
            (names.DeliveryAttempts, AlertDocuments.Attempt(new DeliveryAttempt("d", 1, T0, "failed", 500, "HTTP 500", 3), 7)),
        };

        foreach (var (index, document) in documents)
        {
            Assert.That(mappings[index]["dynamic"]!.GetValue<string>(), Is.EqualTo("strict"), index);
            Assert.That(document.Select(p => p.Key), Is.SubsetOf(mappings[index]["properties"]!.AsObject().Select(p => p.Key)), index);
        }
    }
}
