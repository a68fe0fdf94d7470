using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Durability;

/// <summary>
/// kill -9 around alerting: pending deliveries go out after a restart and none twice; mentions stored but not yet
/// evaluated still page after a restart; killing mid-ingest loses no page of an answered post and repeats none.
/// </summary>
[TestFixture]
[Category("Durability")]
public sealed class KillDuringAlertingTests
{
    private const string Key = "durability-admin-key-0123456789";

    [Test]
    public async Task Kill_WithDeliveriesPending_DeliveredAfterRestartNoneTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync(ReceiverMode.Fail503);
        var store = TempDirectory.Create("alert-kill");
        var port = ServerProcess.FreePort();
        var env = Environment(receiver);
        using (var first = await ServerProcess.StartAsync(store, Key, port, environment: env))
        {
            using var client = Client(first.Url);
            await IngestAsync(client, Enumerable.Range(0, 5).Select(i => Some.Post($"voltik refund {i}", id: $"pending-{i}")));
            await WaitAsync(async () => (await AlertCountAsync(client)) == 5, "five alerts stored");
            // The outbox sends one notifier's deliveries in order, so the first is retried while the other four wait.
            await WaitAsync(() => Task.FromResult(receiver.Arrivals.Count >= 3), "deliveries attempted and refused");
            first.Kill();
        }
        Assert.That(receiver.Accepted, Is.Empty);

        receiver.Mode = ReceiverMode.Accept;
        using (var second = await ServerProcess.StartAsync(store, Key, port, environment: env))
        {
            await receiver.WaitAcceptedCountAsync(5);
            using var client = Client(second.Url);
            // A delivery is recorded as delivered only after the receiver answered, so with all five recorded every request
            // sent so far has arrived: a repeat would already be in Accepted.
            await WaitAsync(async () => (await DeliveredCountAsync(client)) == 5, "deliveries recorded as delivered");
            var accepted = receiver.Accepted;
            Assert.That(accepted.GroupBy(a => a.Id).All(g => g.Count() == 1), Is.True, "none twice");
            Assert.That(accepted.Select(a => (string?)a.Body["alert"]!["mentions"]![0]!["externalId"]),
                Is.EquivalentTo(Enumerable.Range(0, 5).Select(i => $"pending-{i}")));
            Assert.That(await AlertCountAsync(client), Is.EqualTo(5), "the restart evaluated nothing twice");
        }
        TempDirectory.Delete(store);
    }

    [Test]
    public async Task Kill_BetweenStoreAndEvaluation_PagesAfterRestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var store = TempDirectory.Create("alert-kill");
        var port = ServerProcess.FreePort();
        // Paused evaluation makes "stored, not yet evaluated" certain at the moment of the kill.
        var paused = new Dictionary<string, string?>(Environment(receiver)) { ["Alerts__Paused"] = "true" };
        using (var first = await ServerProcess.StartAsync(store, Key, port, environment: paused))
        {
            using var client = Client(first.Url);
            await IngestAsync(client, Enumerable.Range(0, 4).Select(i => Some.Post($"voltik refund {i}", id: $"unevaluated-{i}")));
            Assert.That(await AlertCountAsync(client), Is.Zero);
            first.Kill();
        }
        using (var second = await ServerProcess.StartAsync(store, Key, port, environment: Environment(receiver)))
        {
            var accepted = await receiver.WaitAcceptedCountAsync(4);
            // Recorded as delivered only after the receiver answered: with all four recorded, a repeat would already be in Accepted.
            using var client = Client(second.Url);
            await WaitAsync(async () => (await DeliveredCountAsync(client)) == 4, "deliveries recorded as delivered");
            Assert.That(receiver.Accepted.Select(a => (string?)a.Body["alert"]!["mentions"]![0]!["externalId"]),
                Is.EquivalentTo(Enumerable.Range(0, 4).Select(i => $"unevaluated-{i}")));
        }
        TempDirectory.Delete(store);
    }

    [Test]
    public async Task Kill_MidIngest_EveryAnsweredComplaintPagesExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var store = TempDirectory.Create("alert-kill");
        var port = ServerProcess.FreePort();
        const int batches = 40, perBatch = 50;
        // One complaint per batch among ordinary posts, so evaluation trails the store the way it does in production.
        var bodies = Enumerable.Range(0, batches).Select(b => Some.Ndjson(Enumerable.Range(0, perBatch).Select(i =>
            (JsonNode)Some.Post(i == 0 ? $"voltik refund {b}" : $"voltik ride {b}-{i}", id: $"mid-{b}-{i}")))).ToArray();
        var answered = new ConcurrentBag<int>();
        using (var first = await ServerProcess.StartAsync(store, Key, port, environment: Environment(receiver)))
        {
            using var client = Client(first.Url);
            var next = -1;
            async Task SendAsync()
            {
                int b;
                while ((b = Interlocked.Increment(ref next)) < batches)
                {
                    try
                    {
                        using var response = await client.PostAsync("/api/v1/ingest", new StringContent(bodies[b], Encoding.UTF8, "application/x-ndjson"));
                        if (response.StatusCode == HttpStatusCode.OK) answered.Add(b);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return;
                    }
                }
            }
            var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(SendAsync)).ToArray();
            await Wait.ForAsync(() => answered.Count >= 10, "10 batches acknowledged before the kill", TimeSpan.FromSeconds(60));
            first.Kill();
            await Task.WhenAll(senders);
        }
        Assert.That(answered.Count, Is.LessThan(batches), "the kill must land mid-ingest");

        using (var second = await ServerProcess.StartAsync(store, Key, port, environment: Environment(receiver)))
        {
            await receiver.WaitAcceptedAsync(a => answered.All(b => a.Any(x => ExternalId(x) == $"mid-{b}-0")));
            using var client = Client(second.Url);
            await WaitAsync(async () => (await DeliveredCountAsync(client)) == await AlertCountAsync(client), "the outbox drained");
            // A page the receiver took just before the kill, but whose answer was not yet recorded, is sent again after
            // the restart under the same webhook-id (the receiver's idempotency key): counted by id, as a receiver does.
            var pages = receiver.Accepted.Where(a => a.Type == "alert.triggered").GroupBy(a => a.Id)
                .Select(g => ExternalId(g.First())).ToList();
            Assert.That(pages, Is.Unique, "no complaint paged twice (under two ids) across the kill");
            Assert.That(pages, Is.SupersetOf(answered.Select(b => $"mid-{b}-0")), "every answered complaint paged");
        }
        TempDirectory.Delete(store);
    }

    private static string? ExternalId(WebhookArrival arrival) => (string?)arrival.Body["alert"]!["mentions"]![0]!["externalId"];

    private static Dictionary<string, string?> Environment(WebhookReceiver receiver) =>
        AlertSettings.Merge(AlertSettings.Webhook("oncall", receiver.Url), AlertSettings.KeywordRule("refunds", "refund", "none", "oncall"))
            .ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value);

    private static HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private static async Task IngestAsync(HttpClient client, IEnumerable<JsonObject> posts)
    {
        using var response = await client.PostAsync("/api/v1/ingest", new StringContent(Some.Array([.. posts]).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> AlertCountAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/api/v1/alerts?rule=refunds&limit=500"))!["items"]!.AsArray().Count;

    private static async Task<int> DeliveredCountAsync(HttpClient client)
    {
        var delivered = 0;
        foreach (var alert in JsonNode.Parse(await client.GetStringAsync("/api/v1/alerts?rule=refunds&limit=500"))!["items"]!.AsArray())
        {
            var detail = JsonNode.Parse(await client.GetStringAsync($"/api/v1/alerts/{(long)alert!["id"]!}"))!;
            delivered += detail["deliveries"]!.AsArray().Count(d => (string?)d!["state"] == "delivered");
        }
        return delivered;
    }

    private static Task WaitAsync(Func<Task<bool>> condition, string what) => Wait.ForAsync(condition, what, TimeSpan.FromSeconds(60));
}
