using System.Diagnostics;

namespace MentionWatch.Benchmarks;

internal sealed record LatencyResult(string Name, string Path, int Requests, double P50Ms, double P99Ms, double MaxMs, int LastItems);

/// <summary>Sequential GETs of one endpoint after a short warm-up; reports p50/p99/max in milliseconds.</summary>
internal static class LatencyBenchmark
{
    public static async Task<LatencyResult> RunAsync(ApiClient api, string name, string path, int requests, CancellationToken ct)
    {
        for (var i = 0; i < Math.Min(10, requests); i++) await api.GetAsync(path, ct);
        var samples = new double[requests];
        var lastBody = "";
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            lastBody = await api.GetAsync(path, ct);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        var items = path.StartsWith("api/v1/mentions", StringComparison.Ordinal) ? ApiClient.CountItems(lastBody) : -1;
        return new LatencyResult(name, path, requests, Percentile(samples, 0.50), Percentile(samples, 0.99), samples[^1], items);
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
