using System.Text.Json;

namespace MentionWatch.Benchmarks;

/// <summary>Prints the results as a table and as one JSON object (for the issue's closing note).</summary>
internal static class Report
{
    public static void Print(BenchOptions o, IngestResult ingest, int markerHits, IReadOnlyList<LatencyResult> latencies, IReadOnlyList<MemorySample> memory)
    {
        Console.WriteLine();
        Console.WriteLine($"MentionWatch benchmark: {o.Posts:N0} posts, batches of {o.Batch:N0}, {o.Concurrency} senders, {Environment.ProcessorCount} cores");
        Console.WriteLine(new string('-', 78));
        Console.WriteLine($"{"ingest (NDJSON over loopback, durable)",-44} {ingest.PostsPerSecond,12:N0} posts/s");
        Console.WriteLine($"{"  elapsed / accepted / duplicates / rejected",-44} {ingest.Elapsed.TotalSeconds:F1} s / {ingest.Accepted:N0} / {ingest.Duplicates:N0} / {ingest.Rejected:N0}");
        Console.WriteLine($"{"  last post searchable",-44} {(markerHits >= 1 ? "yes" : "NO")}");
        Console.WriteLine($"{"  untimed warm-up posts sent first",-44} {ingest.WarmupPosts:N0}");
        Console.WriteLine($"{"endpoint",-44} {"p50 ms",9} {"p99 ms",9} {"max ms",9} {"n",5}");
        foreach (var l in latencies)
        {
            Console.WriteLine($"{l.Name,-44} {l.P50Ms,9:F2} {l.P99Ms,9:F2} {l.MaxMs,9:F2} {l.Requests,5}");
        }

        foreach (var m in memory)
        {
            Console.WriteLine($"{"server memory " + m.When,-44} VmRSS {m.VmRssKiB / 1024.0,8:F0} MiB   VmHWM {m.VmHwmKiB / 1024.0,8:F0} MiB");
        }

        Console.WriteLine(new string('-', 78));
        var summary = new
        {
            posts = o.Posts,
            batch = o.Batch,
            concurrency = o.Concurrency,
            cores = Environment.ProcessorCount,
            ingest = new
            {
                postsPerSecond = Math.Round(ingest.PostsPerSecond),
                elapsedSeconds = Math.Round(ingest.Elapsed.TotalSeconds, 2),
                ingest.Accepted,
                ingest.Duplicates,
                ingest.Rejected,
                lastPostSearchable = markerHits >= 1,
                warmupPosts = ingest.WarmupPosts,
            },
            latencies = latencies.Select(l => new { l.Name, l.Path, l.Requests, p50Ms = Math.Round(l.P50Ms, 2), p99Ms = Math.Round(l.P99Ms, 2), maxMs = Math.Round(l.MaxMs, 2) }),
            memory = memory.Select(m => new { m.When, vmRssMiB = m.VmRssKiB / 1024, vmHwmMiB = m.VmHwmKiB / 1024 }),
        };
        Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    }
}
