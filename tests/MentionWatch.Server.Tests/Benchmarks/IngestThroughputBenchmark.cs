using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Benchmarks;

/// <summary>
/// End-to-end ingest throughput: NDJSON batches of 1,000 posts over loopback to a server process, until they are
/// classified, stored and searchable. Explicit: run it on purpose, in Release, on a quiet machine:
/// <c>dotnet test tests/MentionWatch.Server.Tests -c Release --filter "Category=Benchmark"</c>.
/// </summary>
[TestFixture]
[Explicit("benchmark")]
[Category("Benchmark")]
public sealed class IngestThroughputBenchmark
{
    private const string Key = "benchmark-admin-key-0123456789";

    [TestCase(200, 1_000, 4)]
    public async Task Ingest_NdjsonBatches_PostsPerSecond(int batches, int batchSize, int concurrency)
    {
        var store = TempDirectory.Create("bench");
        using var server = await ServerProcess.StartAsync(store, Key, ServerProcess.FreePort());
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var texts = new[]
        {
            "Voltik charged me twice for one ride, support is not answering, really annoyed",
            "Вольтик опять списал деньги за поездку, поддержка молчит третий день",
            "Love the new Brewbird winter menu, the cardamom bun is amazing #brewbird",
            "Подскажите, как в Брюбёрде оплатить подарочной картой?",
        };
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var bodies = Enumerable.Range(0, batches).Select(b => Some.Ndjson(Enumerable.Range(0, batchSize).Select(i =>
            (JsonNode)Some.Post($"{texts[i % texts.Length]} {b}-{i}", source: "bench", id: $"{b}-{i}", createdAt: start.AddMilliseconds((b * batchSize) + i))))).ToArray();

        // Warm-up batch (JIT, connection pool, SQLite page cache) is not timed.
        await SendAsync(client, Some.Ndjson([Some.Post("warm up", source: "warm")]));
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches) await SendAsync(client, bodies[b]);
        })));
        var elapsed = clock.Elapsed;

        var page = JsonNode.Parse(await client.GetStringAsync("/api/v1/mentions?source=bench&q=voltik&limit=1"))!;
        Assert.That(page["items"]!.AsArray(), Has.Count.EqualTo(1), "searchable right after the last answer");
        var total = batches * batchSize;
        TestContext.Out.WriteLine($"ingest: {total} posts in {elapsed.TotalSeconds:0.00} s = {total / elapsed.TotalSeconds:0} posts/s (batches of {batchSize}, {concurrency} concurrent)");
        server.Kill();
        TempDirectory.Delete(store);
    }

    private static async Task SendAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/v1/ingest", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
