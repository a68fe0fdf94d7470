using System.Diagnostics;
using MentionWatch.Core.Bench;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage.Sqlite;

namespace MentionWatch.Benchmarks;

/// <summary>What the store alone does with the benchmark's posts: one writer's batch latency, then N writers' throughput.</summary>
/// <param name="Merged">
/// The same posts after the single-writer batches, by one writer in batches of senders x batch: what the store does
/// with the largest merges the pipeline's store stage makes of N senders' batches (informative; the ceiling the issue
/// names is <paramref name="Concurrent"/>).
/// </param>
/// <param name="ConcurrentCpu">CPU time of this process (all threads) while the concurrent writers ran: the store's own CPU.</param>
internal sealed record StoreCeilingResult(double[] SingleBatchMs, StoreLoadResult Concurrent, StoreLoadResult Merged, TimeSpan ConcurrentCpu);

/// <summary>
/// The store-only ceiling: the same synthetic posts, batch size and order as the HTTP phases, written straight into a
/// fresh <see cref="SqliteMentionStore"/> in this process through <see cref="StoreLoad"/> (Core.Bench's write path),
/// so there is no HTTP, parsing, normalizing, matching or classifying. Mentions carry the watch of their brand and a
/// fixed-per-post sentiment, what the pipeline would hand the store.
/// </summary>
internal static class StoreCeiling
{
    public static async Task<StoreCeilingResult> RunAsync(IngestLatencyOptions o, CancellationToken ct)
    {
        var (single, concurrent, cpu) = await InFreshStoreAsync(store => SingleThenConcurrentAsync(store, o, ct));
        var merged = await InFreshStoreAsync(async store =>
        {
            var batches = Build(o);
            var rest = o.Batches - o.SingleBatches;
            IReadOnlyList<Mention> Merged(int m) => Enumerable.Range(o.SingleBatches + m * o.Senders, o.Senders)
                .Where(b => b < o.Batches).SelectMany(b => Take(batches, b)).ToList();
            return await StoreLoad.RunAsync(store, (rest + o.Senders - 1) / o.Senders, Merged, writers: 1, cancellationToken: ct);
        });
        return new StoreCeilingResult(single, concurrent, merged, cpu);
    }

    /// <summary>
    /// The ceiling's concurrent writers once more, on another fresh store, after the HTTP phases: the machine's speed
    /// drifts over a run (other tenants), so the senders' throughput is compared with the ceiling measured on both
    /// sides of it rather than with one taken a minute earlier.
    /// </summary>
    public static async Task<(StoreLoadResult Concurrent, TimeSpan Cpu)> RunConcurrentAgainAsync(IngestLatencyOptions o, CancellationToken ct)
    {
        var (_, concurrent, cpu) = await InFreshStoreAsync(store => SingleThenConcurrentAsync(store, o, ct));
        return (concurrent, cpu);
    }

    /// <summary>The first batches by one writer (latency per call), then the rest by the senders' number of writers (throughput and CPU).</summary>
    private static async Task<(double[] SingleMs, StoreLoadResult Concurrent, TimeSpan Cpu)> SingleThenConcurrentAsync(
        SqliteMentionStore store, IngestLatencyOptions o, CancellationToken ct)
    {
        // Batches are built before the clock starts, like the HTTP phases' NDJSON bodies.
        var batches = Build(o);
        var single = await StoreLoad.RunAsync(store, o.SingleBatches, b => Take(batches, b), writers: 1, cancellationToken: ct);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var concurrent = await StoreLoad.RunAsync(store, o.Batches - o.SingleBatches, b => Take(batches, o.SingleBatches + b), o.Senders,
            firstCursor: o.SingleBatches, cancellationToken: ct);
        return (single.BatchMilliseconds, concurrent, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    private static async Task<T> InFreshStoreAsync<T>(Func<SqliteMentionStore, Task<T>> run)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mentionwatch-ceiling-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var store = new SqliteMentionStore(new SqliteStoreOptions { Path = directory });
            return await run(store);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static IReadOnlyList<Mention>[] Build(IngestLatencyOptions o) =>
        Enumerable.Range(0, o.Batches).AsParallel().AsOrdered().Select(b => Batch(o, b)).ToArray();

    private static IReadOnlyList<Mention> Take(IReadOnlyList<Mention>[] batches, int b)
    {
        var mentions = batches[b];
        batches[b] = [];
        return mentions;
    }

    private static IReadOnlyList<Mention> Batch(IngestLatencyOptions o, int batch)
    {
        var first = batch * o.Batch;
        var count = Math.Min(o.Batch, o.Posts - first);
        var mentions = new Mention[count];
        for (var k = 0; k < count; k++)
        {
            var p = SyntheticPosts.Post(o.Seed, first + k, o.Posts);
            var post = new Post("bench", p.Id, p.Text, p.CreatedAt, new Author(p.AuthorId, p.Handle, p.Name, p.Followers), p.Url, p.Lang);
            var negative = (first + k) % 7 / 7f;
            mentions[k] = new Mention(0, post, p.Lang, [SyntheticPosts.BrandWatches[p.Brand]], [],
                new SentimentScore(negative > 0.5f ? "negative" : "neutral", negative, 1 - negative, 0), new NeedsReplyScore(negative > 0.7f, negative),
                p.CreatedAt.AddSeconds(3)) { Support = MentionSupport.New };
        }
        return mentions;
    }
}
