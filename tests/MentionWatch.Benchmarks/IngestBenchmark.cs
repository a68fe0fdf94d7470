using System.Diagnostics;

namespace MentionWatch.Benchmarks;

internal sealed record IngestResult(int Posts, int Accepted, int Duplicates, int Rejected, TimeSpan Elapsed, TimeSpan Generation, int WarmupPosts)
{
    public double PostsPerSecond => Posts / Elapsed.TotalSeconds;
}

/// <summary>
/// Sends pre-generated NDJSON batches with N concurrent senders; the clock runs from the first send until the last
/// batch is acknowledged (the server answers only once a batch is durable). Untimed warm-up batches of other posts
/// go first, so JIT compilation and first-use costs are not counted.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<IngestResult> RunAsync(ApiClient api, BenchOptions o, CancellationToken ct)
    {
        var generation = Stopwatch.StartNew();
        var batchCount = (o.Posts + o.Batch - 1) / o.Batch;
        var batches = new byte[batchCount][];
        Parallel.For(0, batchCount, i =>
        {
            var first = i * o.Batch;
            batches[i] = SyntheticPosts.Batch(o.Seed, first, Math.Min(o.Batch, o.Posts - first), o.Posts);
        });
        generation.Stop();
        var megabytes = batches.Sum(b => (long)b.Length) / 1024.0 / 1024.0;
        Console.WriteLine($"generated {o.Posts:N0} posts in {batchCount:N0} batches ({megabytes:F0} MiB NDJSON) in {generation.Elapsed.TotalSeconds:F1} s");

        var warmupPosts = await WarmUpAsync(api, o, ct);
        var next = -1;
        int accepted = 0, duplicates = 0, rejected = 0, done = 0;
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => Report(Volatile.Read(ref done), batchCount, o.Batch, clock.Elapsed), null, 1000, 1000);
        var senders = Enumerable.Range(0, o.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batchCount)
            {
                var (a, d, r) = await api.IngestAsync(batches[i], ct);
                Interlocked.Add(ref accepted, a);
                Interlocked.Add(ref duplicates, d);
                Interlocked.Add(ref rejected, r);
                Interlocked.Increment(ref done);
                batches[i] = [];
            }
        });
        await Task.WhenAll(senders);
        clock.Stop();
        Report(batchCount, batchCount, o.Batch, clock.Elapsed);
        if (!Console.IsOutputRedirected) Console.WriteLine();
        return new IngestResult(o.Posts, accepted, duplicates, rejected, clock.Elapsed, generation.Elapsed, warmupPosts);
    }

    private static async Task<int> WarmUpAsync(ApiClient api, BenchOptions o, CancellationToken ct)
    {
        if (o.Warmup == 0) return 0;
        // A different seed gives different ids, so warm-up posts are extra mentions, never duplicates of timed ones.
        var warmSeed = o.Seed + 7919;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, o.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < o.Warmup)
            {
                await api.IngestAsync(SyntheticPosts.Batch(warmSeed, i * o.Batch, o.Batch, int.MaxValue), ct);
            }
        }));
        Console.WriteLine($"warm-up: {o.Warmup * o.Batch:N0} posts in {clock.Elapsed.TotalSeconds:F1} s (not timed)");
        return o.Warmup * o.Batch;
    }

    private static void Report(int done, int total, int batch, TimeSpan elapsed)
    {
        var posts = (long)done * batch;
        var rate = elapsed.TotalSeconds > 0 ? posts / elapsed.TotalSeconds : 0;
        var line = $"ingest: {done:N0}/{total:N0} batches, {elapsed.TotalSeconds:F0} s, {rate:N0} posts/s";
        // A terminal gets one line that updates in place; a log file gets a line every 10 s and the last one.
        if (!Console.IsOutputRedirected) Console.Write("\r" + line + "   ");
        else if (done == total || (int)elapsed.TotalSeconds % 10 == 0) Console.WriteLine(line);
    }
}
