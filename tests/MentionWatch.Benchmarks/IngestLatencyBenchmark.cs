using System.Diagnostics;
using MentionWatch.Core.Bench;

namespace MentionWatch.Benchmarks;

internal sealed record IngestLatencyResult(
    string LoadBefore, string LoadAfter, StoreCeilingResult Ceiling, double[] SingleBatchMs, ServerMetrics BeforeSingle, ServerMetrics AfterSingle,
    int ConcurrentPosts, TimeSpan ConcurrentElapsed, ServerMetrics AfterConcurrent, int Accepted, int Duplicates, int Rejected, MemorySample? Memory,
    TimeSpan? ServerConcurrentCpu, StoreLoadResult CeilingAfter, TimeSpan CeilingAfterCpu)
{
    public double ConcurrentPostsPerSecond => ConcurrentPosts / ConcurrentElapsed.TotalSeconds;

    /// <summary>The ceiling as the mean of its two measurements, before (a) and after (e) the HTTP phases.</summary>
    public double CeilingMentionsPerSecond => (Ceiling.Concurrent.MentionsPerSecond + CeilingAfter.MentionsPerSecond) / 2;

    public double Ratio => ConcurrentPostsPerSecond / CeilingMentionsPerSecond;

    /// <summary>Against the faster of the two ceiling measurements: the strictest reading of the same run.</summary>
    public double RatioToFasterCeiling => ConcurrentPostsPerSecond / Math.Max(Ceiling.Concurrent.MentionsPerSecond, CeilingAfter.MentionsPerSecond);

    /// <summary>Server CPU ms per 1,000 posts in (c); with the store-only figure beside it, what the ratio is when CPU is what runs out.</summary>
    public double? ServerCpuMsPer1000 => ServerConcurrentCpu?.TotalMilliseconds * 1000 / ConcurrentPosts;

    public double CeilingCpuMsPer1000 =>
        (Ceiling.ConcurrentCpu + CeilingAfterCpu).TotalMilliseconds * 1000 / (Ceiling.Concurrent.Stored + CeilingAfter.Stored);
}

/// <summary>
/// The ingest-latency mode, all in one run so that the ratios compare like with like on a noisy machine:
/// (a) the store-only ceiling (<see cref="StoreCeiling"/>), (b) the real server, one client sending its batches back
/// to back (acknowledgement latency per batch, and where it goes, from the server's stage histograms), (c) N
/// concurrent senders with the remaining batches (throughput beside the ceiling's), (d) the server's memory with all
/// posts stored, (e) the ceiling's concurrent writers again, so the ratio compares with the ceiling on both sides of (c).
/// </summary>
internal static class IngestLatencyBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        IngestLatencyOptions o;
        try
        {
            o = IngestLatencyOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        var loadBefore = LoadAverage();
        Console.WriteLine($"load average before: {loadBefore}");
        Console.WriteLine($"(a) store-only ceiling: {o.Posts:N0} posts, {o.SingleBatches} batches by one writer, then {o.Senders} writers; then the same posts merged {o.Senders} batches a call, one writer");
        var ceiling = await StoreCeiling.RunAsync(o, ct);
        GC.Collect();

        var bodies = new byte[o.Batches][];
        Parallel.For(0, o.Batches, b => bodies[b] = SyntheticPosts.Batch(o.Seed, b * o.Batch, Math.Min(o.Batch, o.Posts - b * o.Batch), o.Posts));
        await using var server = await ServerProcess.StartAsync(o.Keep, ct);
        using var api = new ApiClient(server.Url, server.AdminKey, o.Senders);
        await api.CreateBenchWatchesAsync(ct);
        await WarmUpAsync(api, o, ct);

        Console.WriteLine($"(b) one client: {o.SingleBatches} batches of {o.Batch} back to back");
        var beforeSingle = await ServerMetrics.ScrapeAsync(api, ct);
        var singleMs = new double[o.SingleBatches];
        int accepted = 0, duplicates = 0, rejected = 0;
        for (var b = 0; b < o.SingleBatches; b++)
        {
            var started = Stopwatch.GetTimestamp();
            var (a, d, r) = await api.IngestAsync(bodies[b], ct);
            singleMs[b] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            (accepted, duplicates, rejected) = (accepted + a, duplicates + d, rejected + r);
            bodies[b] = [];
        }
        var afterSingle = await ServerMetrics.ScrapeAsync(api, ct);

        Console.WriteLine($"(c) {o.Senders} senders: {o.Batches - o.SingleBatches} batches");
        var next = o.SingleBatches - 1;
        var posts = 0;
        var cpuBefore = ProcessCpu.Read(server.Pid);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, o.Senders).Select(async _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < o.Batches)
            {
                var (a, d, r) = await api.IngestAsync(bodies[b], ct);
                Interlocked.Add(ref accepted, a);
                Interlocked.Add(ref duplicates, d);
                Interlocked.Add(ref rejected, r);
                Interlocked.Add(ref posts, Math.Min(o.Batch, o.Posts - b * o.Batch));
                bodies[b] = [];
            }
        }));
        clock.Stop();
        var serverCpu = ProcessCpu.Read(server.Pid) - cpuBefore;
        var afterConcurrent = await ServerMetrics.ScrapeAsync(api, ct);

        var memory = ProcessMemory.Read(server.Pid, $"after {o.Posts:N0} posts (+{o.Warmup * o.Batch:N0} warm-up)");
        await server.DisposeAsync();
        GC.Collect();
        Console.WriteLine($"(e) store-only ceiling again, after the HTTP phases: {o.Senders} writers on a fresh store");
        var (ceilingAfter, ceilingAfterCpu) = await StoreCeiling.RunConcurrentAgainAsync(o, ct);
        var result = new IngestLatencyResult(loadBefore, LoadAverage(), ceiling, singleMs, beforeSingle, afterSingle,
            posts, clock.Elapsed, afterConcurrent, accepted, duplicates, rejected, memory, serverCpu, ceilingAfter, ceilingAfterCpu);
        IngestLatencyReport.Print(o, result);
        return result.Rejected == 0 && result.Accepted == o.Posts ? 0 : 1;
    }

    private static async Task WarmUpAsync(ApiClient api, IngestLatencyOptions o, CancellationToken ct)
    {
        // Another seed gives other ids: warm-up posts are extra mentions, never duplicates of the timed ones.
        var warmSeed = o.Seed + 7919;
        for (var b = 0; b < o.Warmup; b++) await api.IngestAsync(SyntheticPosts.Batch(warmSeed, b * o.Batch, o.Batch, int.MaxValue), ct);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
