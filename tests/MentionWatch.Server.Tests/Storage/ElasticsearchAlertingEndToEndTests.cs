using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Server.Tests.Storage;

/// <summary>
/// Alerting with every piece of its state in the cluster: the real server on the loopback Elasticsearch pages once for a
/// complaint, keeps the alert and its delivery in the cluster's alert indices, and a replacement node (a new local
/// directory, the same cluster) sends nothing again.
/// </summary>
[TestFixture]
public sealed class ElasticsearchAlertingEndToEndTests
{
    private static Dictionary<string, string?> Settings(FakeElasticsearchServer cluster, WebhookReceiver receiver) => AlertSettings.Merge(
        new Dictionary<string, string?> { ["Storage:Provider"] = "elasticsearch", ["Storage:Elasticsearch:Urls:0"] = cluster.Url },
        AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url), AlertSettings.KeywordRule("refunds", "refund", "none", "oncall"));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    [Test]
    public async Task Ingest_NegativeComplaint_AlertAndDeliveryInTheClusterAndAReplacementNodeSendsNothingAgain()
    {
        await using var cluster = await FakeElasticsearchServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var deliveries = () => cluster.State.Documents("mentionwatch-alert-deliveries");

        await using (var first = await TestServer.StartAsync(Settings(cluster, receiver), configureServices: KeywordClassifier.Use))
        {
            await first.Analyst.IngestOkAsync(Some.Array(Some.Post("Acme kettle arrived broken, I want a refund", handle: "angry_ann")));
            var page = (await receiver.WaitAcceptedCountAsync(1)).Single();
            await WaitUntilAsync(() => deliveries().Any(d => d.Source["state"]!.GetValue<string>() == "delivered"), "the delivery to be recorded as delivered");

            var alert = cluster.State.Documents("mentionwatch-alerts").Single();
            Assert.That((alert.Source["rule"]!.GetValue<string>(), alert.Source["watch"]!.GetValue<string>()), Is.EqualTo(("refunds", "acme")));
            Assert.That(deliveries().Single().Id, Is.EqualTo(page.Id), "the outbox document is the webhook's id");
            Assert.That(cluster.State.Documents("mentionwatch-alert-delivery-attempts").Single().Source["outcome"]!.GetValue<string>(), Is.EqualTo("accepted"));
            Assert.That(cluster.State.Documents("mentionwatch-alert-mention-links"), Has.Count.EqualTo(1));
        }

        // Another node: nothing of the first one's local directory, only the cluster.
        await using var second = await TestServer.StartAsync(Settings(cluster, receiver), configureServices: KeywordClassifier.Use);
        await second.Analyst.IngestOkAsync(Some.Array(Some.Post("Acme, still waiting for my refund", handle: "angry_ann")));

        // One notifier sends in queue order: a resumed copy of the first page would have arrived before this one.
        var pages = await receiver.WaitAcceptedCountAsync(2);
        Assert.That(pages, Has.Count.EqualTo(2));
        Assert.That(pages.Select(p => p.Id), Is.Unique);
        Assert.That(pages.Select(p => (long)p.Body["alert"]!["id"]!), Is.EqualTo(new[] { 1L, 2L }), "the new node numbers alerts after the cluster's newest");
        Assert.That(deliveries(), Has.Count.EqualTo(2));
    }
}
