using System.Diagnostics;

namespace MentionWatch.Benchmarks;

internal sealed record BackgroundResult(int TargetRate, int PostsSent, int PostsAcknowledged, int Rejected, TimeSpan Elapsed, TimeSpan MaxLag)
{
    /// <summary>Posts acknowledged per second, from the first send until the last acknowledgement.</summary>
    public double AchievedRate => Elapsed.TotalSeconds > 0 ? PostsAcknowledged / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Non-alerting posts at a fixed rate: batch k is due at k × period on a Stopwatch schedule (a late batch goes out
/// at once, so the schedule catches up instead of drifting). Open loop, but at most <see cref="MaxInFlight"/>
/// batches wait for their answers; beyond that the sender falls behind, and the achieved rate shows it.
/// </summary>
internal static class BackgroundLoad
{
    private const int MaxInFlight = 16;

    /// <summary>Pre-generates the batches (untimed), so the sender spends its CPU on sending only.</summary>
    public static byte[][] Generate(int seed, int posts, int batch)
    {
        var count = (posts + batch - 1) / batch;
        var batches = new byte[count][];
        // total = posts + 1: timestamps spread over the synthetic month, and no batch carries the ingest mode's marker.
        Parallel.For(0, count, i => batches[i] = SyntheticPosts.Batch(seed, i * batch, Math.Min(batch, posts - i * batch), posts + 1));
        return batches;
    }

    public static async Task<BackgroundResult> RunAsync(ApiClient api, byte[][] batches, int batchSize, TimeSpan period, int targetRate, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(MaxInFlight);
        var pending = new List<Task>(batches.Length);
        int acknowledged = 0, rejected = 0, sent = 0;
        var maxLag = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < batches.Length; k++)
        {
            var due = period * k;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            await slots.WaitAsync(ct);
            var lag = clock.Elapsed - due;
            if (lag > maxLag) maxLag = lag;
            var body = batches[k];
            batches[k] = [];
            sent += batchSize;
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var (a, _, r) = await api.IngestAsync(body, ct);
                    Interlocked.Add(ref acknowledged, a);
                    Interlocked.Add(ref rejected, r);
                }
                finally
                {
                    slots.Release();
                }
            }, ct));
        }

        await Task.WhenAll(pending);
        clock.Stop();
        return new BackgroundResult(targetRate, sent, acknowledged, rejected, clock.Elapsed, maxLag);
    }
}
