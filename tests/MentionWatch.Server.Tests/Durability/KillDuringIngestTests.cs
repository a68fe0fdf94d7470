using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Durability;

/// <summary>
/// kill -9 during ingest: every post whose request was answered 200 must survive, and re-sending every batch
/// after restart must store nothing twice.
/// </summary>
[TestFixture]
[Category("Durability")]
public sealed class KillDuringIngestTests
{
    private const int Batches = 60;
    private const int BatchSize = 500;
    private const string Key = "durability-admin-key-0123456789";

    [Test]
    public async Task Ingest_ServerKilledMidFlight_AnsweredPostsSurviveAndResendStoresNothingTwice()
    {
        var store = TempDirectory.Create("durability");
        var start = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
        var batches = Enumerable.Range(0, Batches).Select(b => Some.Ndjson(Enumerable.Range(0, BatchSize).Select(i =>
            (JsonNode)Some.Post($"durable post {b}-{i} voltik", source: "dur", id: $"{b}-{i}", createdAt: start.AddSeconds((b * BatchSize) + i))))).ToArray();
        var answered = new ConcurrentBag<int>();

        var port = ServerProcess.FreePort();
        using (var first = await ServerProcess.StartAsync(store, Key, port))
        {
            using var client = NewClient(first.Url);
            var next = -1;
            async Task SendLoopAsync()
            {
                int b;
                while ((b = Interlocked.Increment(ref next)) < Batches)
                {
                    try
                    {
                        using var response = await client.PostAsync("/api/v1/ingest", new StringContent(batches[b], Encoding.UTF8, "application/x-ndjson"));
                        if (response.StatusCode == HttpStatusCode.OK) answered.Add(b);
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            }
            var senders = Enumerable.Range(0, 6).Select(_ => Task.Run(SendLoopAsync)).ToArray();
            await Wait.ForAsync(() => answered.Count >= 8, "8 batches acknowledged before the kill", TimeSpan.FromSeconds(60));
            first.Kill();
            await Task.WhenAll(senders);
        }
        Assert.That(answered.Count, Is.LessThan(Batches), "the kill must land while requests are still in flight");

        using (var second = await ServerProcess.StartAsync(store, Key, ServerProcess.FreePort()))
        {
            using var client = NewClient(second.Url);
            var storedIds = await ExportedIdsAsync(client);
            var missing = answered.SelectMany(b => Enumerable.Range(0, BatchSize).Select(i => $"{b}-{i}")).Where(id => !storedIds.Contains(id)).ToList();
            Assert.That(missing, Is.Empty, "every post of an answered request is durable");

            long accepted = 0, duplicates = 0;
            foreach (var batch in batches)
            {
                using var response = await client.PostAsync("/api/v1/ingest", new StringContent(batch, Encoding.UTF8, "application/x-ndjson"));
                var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                accepted += result["accepted"]!.GetValue<int>();
                duplicates += result["duplicates"]!.GetValue<int>();
            }
            Assert.That(duplicates, Is.EqualTo(storedIds.Count), "everything stored before the kill is recognised as a duplicate");
            Assert.That(accepted, Is.EqualTo((Batches * BatchSize) - storedIds.Count));
            var after = await ExportedIdsAsync(client);
            Assert.That(after, Has.Count.EqualTo(Batches * BatchSize));
        }
        TempDirectory.Delete(store);
    }

    private static HttpClient NewClient(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    /// <summary>External ids of every stored post, counting each row: a duplicate row would make the counts differ.</summary>
    private static async Task<HashSet<string>> ExportedIdsAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/api/v1/export?format=ndjson&source=dur");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = lines.Select(l => JsonNode.Parse(l)!["externalId"]!.GetValue<string>()).ToHashSet();
        Assert.That(ids, Has.Count.EqualTo(lines.Length), "no post is stored twice");
        return ids;
    }
}
