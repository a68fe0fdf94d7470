using System.Diagnostics;
using MentionWatch.Core.Domain;
using MentionWatch.Storage.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Bench;

/// <summary>The bulk writer's own cost per 1,000 posts, and its memory while the cluster pushes back.</summary>
internal static class BulkWriterBench
{
    private const int BatchSize = 1000;

    public static async Task CostPerThousandAsync(int batches)
    {
        using var invoker = new BenchInvoker(TimeSpan.Zero, 0);
        using var store = await CreateAsync(invoker, retries: 0);
        var data = Enumerable.Range(0, batches + 10).Select(Batch).ToList();
        for (var i = 0; i < 10; i++) await store.StoreAsync(data[i], [], CancellationToken.None); // warm-up (JIT, caches)

        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        for (var i = 10; i < data.Count; i++) await store.StoreAsync(data[i], [], CancellationToken.None);
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var thousands = batches * (double)BatchSize / 1000;
        Console.WriteLine($"cost: {batches * BatchSize:N0} posts in {batches} batches of {BatchSize}, in-memory transport");
        Console.WriteLine($"  CPU {cpu.TotalMilliseconds / thousands:F2} ms / 1,000 posts; wall {wall.Elapsed.TotalMilliseconds / thousands:F2} ms / 1,000 posts");
        Console.WriteLine($"  allocated {allocated / thousands / 1024:F0} KiB / 1,000 posts ({allocated / (thousands * 1000):F0} B / post)");
        Console.WriteLine($"  stored {store.Statistics.Stored:N0}, bulk requests {store.Statistics.BulkRequests:N0}");
    }

    public static async Task BackPressureAsync(int producers)
    {
        Console.WriteLine($"back-pressure: {producers} producers, each with one batch of {BatchSize} in flight; bulk answers after 50 ms, two 429s before each success");
        foreach (var batchesPerProducer in new[] { 4, 16 })
        {
            using var invoker = new BenchInvoker(TimeSpan.FromMilliseconds(50), 2);
            using var store = await CreateAsync(invoker, retries: 5);
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    // A full collection per sample: live bytes, not garbage waiting for the next GC.
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                    try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            var next = 0;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
            {
                for (var b = 0; b < batchesPerProducer; b++)
                    // Like the pipeline: a producer builds its next batch only when the store took the previous one.
                    await store.StoreAsync(Batch(Interlocked.Increment(ref next)), [], CancellationToken.None);
            })));
            wall.Stop();
            await sampling.CancelAsync();
            await sampler;
            var posts = producers * batchesPerProducer * BatchSize;
            Console.WriteLine($"  {posts,9:N0} posts in {wall.Elapsed.TotalSeconds:F1} s: peak live managed heap {(peak - baseline) / 1024.0 / 1024:F1} MiB above baseline, " +
                $"peak bulk bytes in flight {invoker.PeakInFlightBytes / 1024.0 / 1024:F2} MiB, 429s retried {store.Statistics.RejectedItems:N0} items, stored {store.Statistics.Stored:N0}");
        }
    }

    private static Task<ElasticsearchStore> CreateAsync(BenchInvoker invoker, int retries) =>
        ElasticsearchStore.CreateAsync(new ElasticsearchStoreOptions { Urls = ["http://bench.invalid:9200"], BulkMaxRetries = retries, RetryBaseDelayMilliseconds = 20 },
            TimeProvider.System, NullLogger.Instance, invoker, CancellationToken.None);

    private static Mention[] Batch(int batch) => Enumerable.Range(0, BatchSize).Select(i => ContractData.Mention(
        i % 3 == 0 ? $"Купил чайник Acme {i}, всё работает, спасибо @acme_support #acme" : $"The Acme kettle number {i} stopped working, please help @acme_support",
        createdAt: ContractData.T0.AddSeconds(i), externalId: $"bench-{batch}-{i}", lang: i % 3 == 0 ? "ru" : "en",
        sentiment: i % 2 == 0 ? "negative" : "positive", needsReply: i % 2 == 0)).ToArray();
}
