using System.Text.Json;

namespace MentionWatch.Benchmarks;

/// <summary>The ingest-latency mode's table, the single-client batch split by stage, and a JSON summary.</summary>
internal static class IngestLatencyReport
{
    private const string Stage = "mentionwatch_pipeline_stage_duration_seconds";
    private static readonly string[] Stages = ["normalize", "dedupe", "match", "classify", "store"];

    public static void Print(IngestLatencyOptions o, IngestLatencyResult r)
    {
        var single = Sorted(r.SingleBatchMs);
        var ceilingSingle = Sorted(r.Ceiling.SingleBatchMs);
        double P(double[] s, double p) => LatencyBenchmark.Percentile(s, p);

        Console.WriteLine();
        Console.WriteLine($"ingest-latency: {o.Posts:N0} posts, batches of {o.Batch:N0}, {Environment.ProcessorCount} cores, load average {r.LoadBefore} before, {r.LoadAfter} after");
        Console.WriteLine(new string('-', 96));
        Console.WriteLine($"{"one client, batch acknowledged (HTTP)",-52} p50 {P(single, 0.5),7:F1} ms   p99 {P(single, 0.99),7:F1} ms   n {single.Length}");
        Console.WriteLine($"{"store only, one writer, StoreAsync per batch",-52} p50 {P(ceilingSingle, 0.5),7:F1} ms   p99 {P(ceilingSingle, 0.99),7:F1} ms");
        Console.WriteLine($"{"  ratio of p50s (HTTP / store only)",-52} {P(single, 0.5) / P(ceilingSingle, 0.5),7:F2}");
        Console.WriteLine($"{$"{o.Senders} senders (HTTP, durable)",-52} {r.ConcurrentPostsPerSecond,10:N0} posts/s");
        Console.WriteLine($"{$"store only, {o.Senders} writers (ceiling), before | after",-52} {r.Ceiling.Concurrent.MentionsPerSecond,10:N0} | {r.CeilingAfter.MentionsPerSecond:N0} mentions/s");
        Console.WriteLine($"{"  ratio (HTTP / mean ceiling)",-52} {r.Ratio,10:F2}   to the faster one {r.RatioToFasterCeiling:F2}");
        var merged = r.Ceiling.Merged.MentionsPerSecond;
        Console.WriteLine($"{$"store only, 1 writer, batches of {o.Senders * o.Batch:N0} (merged)",-52} {merged,10:N0} mentions/s   HTTP / this {r.ConcurrentPostsPerSecond / merged:F2}");
        if (r.ServerCpuMsPer1000 is { } serverCpu)
        {
            // Less sensitive to other jobs on the machine than the throughputs: CPU time spent, not time waited for a core.
            Console.WriteLine($"{"CPU ms per 1,000 posts: senders' server | ceiling",-52} {serverCpu,10:F1} | {r.CeilingCpuMsPer1000:F1}");
            Console.WriteLine($"{"  ratio (ceiling / server), CPU-bound estimate",-52} {r.CeilingCpuMsPer1000 / serverCpu,10:F2}");
        }
        Console.WriteLine($"{"accepted / duplicates / rejected",-52} {r.Accepted:N0} / {r.Duplicates:N0} / {r.Rejected:N0}");
        if (r.Memory is { } m)
        {
            Console.WriteLine($"{"server memory " + m.When,-52}");
            Console.WriteLine($"{"  private (RssAnon)",-52} {m.RssAnonKiB / 1024.0,8:F0} MiB");
            Console.WriteLine($"{"  mapped files / shared (RssFile / RssShmem)",-52} {m.RssFileKiB / 1024.0,8:F0} / {m.RssShmemKiB / 1024.0:F0} MiB");
            Console.WriteLine($"{"  VmRSS / VmHWM",-52} {m.VmRssKiB / 1024.0,8:F0} / {m.VmHwmKiB / 1024.0:F0} MiB");
        }

        Console.WriteLine();
        Console.WriteLine($"mean ms per batch by stage (server histograms), one client | {o.Senders} senders:");
        var rows = new List<(string Name, double Single, double Concurrent)>();
        void Row(string name, string histogram, params string[] labels) =>
            rows.Add((name, Mean(r.AfterSingle, r.BeforeSingle, histogram, labels), Mean(r.AfterConcurrent, r.AfterSingle, histogram, labels)));
        foreach (var stage in Stages)
        {
            Row($"{stage} wait", Stage, $"stage=\"{stage}\"", "phase=\"wait\"");
            Row($"{stage} work", Stage, $"stage=\"{stage}\"", "phase=\"work\"");
        }
        Row("pipeline total (intake until answered)", "mentionwatch_pipeline_duration_seconds");
        Row("server request total", "http_server_request_duration_seconds", "http_route=\"/api/v1/ingest\"");
        var (p, q) = (rows[^2], rows[^1]);
        rows.Add(("HTTP: read body, parse, auth, respond (request - pipeline)", q.Single - p.Single, q.Concurrent - p.Concurrent));
        rows.Add(("client, mean", r.SingleBatchMs.Average(), r.ConcurrentElapsed.TotalMilliseconds * o.Senders / (o.Batches - o.SingleBatches)));
        Row("sinks hand-off after the answer (not in the latency)", Stage, "stage=\"sinks\"");
        foreach (var (name, a, b) in rows) Console.WriteLine($"  {name,-62} {a,8:F2} | {b,8:F2}");
        // One "wait" sample per batch, one "work" sample per store call: their ratio is the batches merged per transaction.
        var perTransaction = r.AfterConcurrent.Since(r.AfterSingle, Stage, "stage=\"store\"", "phase=\"wait\"").Count
            / Math.Max(1, r.AfterConcurrent.Since(r.AfterSingle, Stage, "stage=\"store\"", "phase=\"work\"").Count);
        Console.WriteLine($"  {$"batches per store transaction, {o.Senders} senders",-62} {perTransaction,19:F2}");
        Console.WriteLine(new string('-', 96));

        var summary = new
        {
            o.Posts, o.Batch, o.Senders, cores = Environment.ProcessorCount, loadAverageBefore = r.LoadBefore, loadAverageAfter = r.LoadAfter,
            singleClient = new { p50Ms = Round(P(single, 0.5)), p99Ms = Round(P(single, 0.99)), batches = single.Length },
            storeOnlySingleWriter = new { p50Ms = Round(P(ceilingSingle, 0.5)), p99Ms = Round(P(ceilingSingle, 0.99)) },
            concurrent = new { postsPerSecond = Math.Round(r.ConcurrentPostsPerSecond), ceilingMentionsPerSecond = Math.Round(r.CeilingMentionsPerSecond),
                ceilingBeforeMentionsPerSecond = Math.Round(r.Ceiling.Concurrent.MentionsPerSecond), ceilingAfterMentionsPerSecond = Math.Round(r.CeilingAfter.MentionsPerSecond),
                ratio = Round(r.Ratio), ratioToFasterCeiling = Round(r.RatioToFasterCeiling), mergedStoreOnlyMentionsPerSecond = Math.Round(merged),
                serverCpuMsPer1000 = r.ServerCpuMsPer1000 is { } c ? Round(c) : (double?)null, ceilingCpuMsPer1000 = Round(r.CeilingCpuMsPer1000) },
            r.Accepted, r.Duplicates, r.Rejected,
            memory = r.Memory is { } mem ? new { rssAnonMiB = mem.RssAnonKiB / 1024, rssFileMiB = mem.RssFileKiB / 1024, rssShmemMiB = mem.RssShmemKiB / 1024, vmRssMiB = mem.VmRssKiB / 1024, vmHwmMiB = mem.VmHwmKiB / 1024 } : null,
            batchesPerStoreTransaction = Round(perTransaction),
            stagesMs = rows.ToDictionary(x => x.Name, x => new { singleClient = Round(x.Single), concurrent = Round(x.Concurrent) }),
        };
        Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    }

    private static double Mean(ServerMetrics after, ServerMetrics before, string histogram, params string[] labels) => after.Since(before, histogram, labels).MeanMs;

    private static double[] Sorted(double[] values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy;
    }

    private static double Round(double value) => Math.Round(value, 2);
}
