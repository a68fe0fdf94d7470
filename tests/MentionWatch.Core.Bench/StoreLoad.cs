using System.Diagnostics;
using System.Globalization;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Core.Bench;

/// <summary>What one <see cref="StoreLoad.RunAsync"/> stored, how long it took, and each batch's store call in ms (by batch number).</summary>
internal sealed record StoreLoadResult(int Stored, TimeSpan Elapsed, double[] BatchMilliseconds)
{
    public double MentionsPerSecond => Stored / Elapsed.TotalSeconds;
}

/// <summary>
/// The store-only write path: several writers call <see cref="IMentionWriter.StoreAsync"/> concurrently with one
/// source cursor per batch, as concurrent ingest requests do. Shared by Core.Bench and the HTTP benchmark's
/// store-only ceiling (linked into both projects), so the two measure the same thing.
/// </summary>
internal static class StoreLoad
{
    /// <param name="batch">Batch number to mentions; called from the writers' threads, so it must be thread-safe.</param>
    /// <param name="firstCursor">Number of the first batch's cursor, so that a later run on the same store keeps counting.</param>
    public static async Task<StoreLoadResult> RunAsync(
        IMentionWriter store, int batches, Func<int, IReadOnlyList<Mention>> batch, int writers, Action<int>? stored = null,
        int firstCursor = 0, CancellationToken cancellationToken = default)
    {
        var next = -1;
        var total = 0;
        var milliseconds = new double[batches];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches)
            {
                var mentions = batch(i);
                var cursor = new SourceCursor("bench", (firstCursor + i).ToString(CultureInfo.InvariantCulture));
                var started = Stopwatch.GetTimestamp();
                var result = await store.StoreAsync(mentions, [cursor], cancellationToken);
                milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                // Added outside the call: stored?.Invoke(...) would skip evaluating its argument when there is no callback.
                var sum = Interlocked.Add(ref total, result.Stored);
                stored?.Invoke(sum);
            }
        }, cancellationToken)));
        return new StoreLoadResult(total, clock.Elapsed, milliseconds);
    }
}
