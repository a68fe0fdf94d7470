using System.Text.Json;

namespace MentionWatch.Benchmarks;

/// <summary>Prints the alerts mode's results as a table and as one JSON object, and decides pass or fail.</summary>
internal static class AlertReport
{
    /// <summary>The issue's goal and hard limit for the loaded p99, send to webhook arrival.</summary>
    public const double GoalP99Ms = 250, MustP99Ms = 1_000;

    private sealed record Stats(int N, double P50, double P99, double Max);

    /// <summary>True when every alert arrived (both phases) and the loaded p99 is within the hard limit.</summary>
    public static bool Passed(AlertBenchResult r) =>
        r.Quiet.Missing == 0 && r.Loaded.Missing == 0 && (Of(r.Loaded, s => s.AlertMs)?.P99 ?? double.MaxValue) <= MustP99Ms;

    public static void Print(AlertBenchOptions o, AlertBenchResult r)
    {
        var loadedAlert = Of(r.Loaded, s => s.AlertMs);
        var p99 = loadedAlert?.P99 ?? double.NaN;
        Console.WriteLine();
        Console.WriteLine($"MentionWatch alert latency: {o.Alerts} alerting posts every {o.IntervalMs} ms over {o.BackgroundRate:N0} background posts/s " +
                          $"(batches of {o.BackgroundBatch}), {Environment.ProcessorCount} cores");
        Console.WriteLine(new string('-', 86));
        if (r.Background is { } b)
        {
            Console.WriteLine($"{"background ingest achieved",-44} {b.AchievedRate,10:N0} posts/s (target {b.TargetRate:N0}; " +
                              $"{b.PostsAcknowledged:N0} acknowledged in {b.Elapsed.TotalSeconds:F1} s, rejected {b.Rejected}, max lag {b.MaxLag.TotalMilliseconds:F0} ms)");
        }

        Console.WriteLine($"{"phase / measure (ms from the send)",-44} {"p50",9} {"p99",9} {"max",9} {"n",5} {"missing",8}");
        foreach (var phase in new[] { r.Quiet, r.Loaded })
        {
            Line($"{phase.Name}: ingest answer (baseline)", Of(phase, s => s.AnswerMs), null);
            Line($"{phase.Name}: webhook arrival (alert latency)", Of(phase, s => s.AlertMs), phase.Missing);
            Line($"{phase.Name}: alert hop (arrival - answer)", Of(phase, s => s.HopMs), null);
        }

        Console.WriteLine($"{"webhook POSTs received / repeated ids",-44} {r.WebhookPosts} / {r.RepeatedDeliveries}");
        Console.WriteLine($"{"load average before / after",-44} {r.LoadBefore} / {r.LoadAfter}");
        Console.WriteLine($"{"goal: loaded p99 <= 250 ms",-44} {(p99 <= GoalP99Ms ? "met" : "NOT met")} ({p99:F1} ms)");
        Console.WriteLine($"{"must: loaded p99 <= 1 s, no alert missing",-44} {(Passed(r) ? "met" : "NOT met")}");
        Console.WriteLine(new string('-', 86));

        var summary = new
        {
            options = o,
            cores = Environment.ProcessorCount,
            background = r.Background is { } bg
                ? new { bg.TargetRate, achievedRate = Math.Round(bg.AchievedRate), bg.PostsAcknowledged, bg.Rejected, elapsedSeconds = Math.Round(bg.Elapsed.TotalSeconds, 2), maxLagMs = Math.Round(bg.MaxLag.TotalMilliseconds) }
                : null,
            phases = new[] { r.Quiet, r.Loaded }.Select(p => new
            {
                p.Name,
                posts = p.Samples.Count,
                p.Missing,
                ingestAnswerMs = Json(Of(p, s => s.AnswerMs)),
                alertMs = Json(Of(p, s => s.AlertMs)),
                hopMs = Json(Of(p, s => s.HopMs)),
            }),
            r.WebhookPosts,
            r.RepeatedDeliveries,
            loadAverageBefore = r.LoadBefore,
            loadAverageAfter = r.LoadAfter,
            goalMet = p99 <= GoalP99Ms,
            mustMet = Passed(r),
        };
        Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    }

    private static void Line(string name, Stats? s, int? missing) =>
        Console.WriteLine(s is null
            ? $"{name,-44} {"-",9} {"-",9} {"-",9} {0,5} {missing,8}"
            : $"{name,-44} {s.P50,9:F1} {s.P99,9:F1} {s.Max,9:F1} {s.N,5} {missing,8}");

    private static object? Json(Stats? s) => s is null ? null : new { s.N, p50 = Math.Round(s.P50, 2), p99 = Math.Round(s.P99, 2), max = Math.Round(s.Max, 2) };

    private static Stats? Of(AlertPhase phase, Func<AlertSample, double?> value)
    {
        var sorted = phase.Samples.Select(value).OfType<double>().Order().ToArray();
        return sorted.Length == 0
            ? null
            : new Stats(sorted.Length, LatencyBenchmark.Percentile(sorted, 0.50), LatencyBenchmark.Percentile(sorted, 0.99), sorted[^1]);
    }
}
