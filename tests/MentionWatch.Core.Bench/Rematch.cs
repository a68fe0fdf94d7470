using System.Diagnostics;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Matching;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;

namespace MentionWatch.Core.Bench;

/// <summary>
/// A new watch re-matched over every stored mention, in the server's way (WatchRematcher: read a batch, match, re-tag in
/// one short write transaction, next batch), while a writer keeps ingesting; ingest throughput is measured alone first.
/// </summary>
internal static class Rematch
{
    public static async Task RunAsync(SqliteMentionStore store, DateTimeOffset start, TimeSpan span, int batchSize, int rematchBatch)
    {
        var retag = new SqliteWatchRetagStore(store.Database);
        const int IngestCount = 100_000;
        var (_, alone) = await IngestAsync(store, new SyntheticMentions(99, start, span, IngestCount), batchSize, CancellationToken.None);
        Console.WriteLine($"ingest alone: {IngestCount:N0} mentions at {alone:N0}/s");

        var watch = new Watch("kettles", "kettle OR teapot", [], []);
        var matcher = new WatchMatcher([watch]);
        var total = await retag.CountSinceAsync(start, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var during = Task.Run(() => IngestAsync(store, new SyntheticMentions(123, start, span, 10_000_000), batchSize, stop.Token));
        long done = 0, changed = 0, after = 0;
        var readTime = TimeSpan.Zero;
        while (true)
        {
            var read = Stopwatch.StartNew();
            var batch = await retag.ReadForRematchAsync(start, after, rematchBatch, CancellationToken.None);
            readTime += read.Elapsed;
            if (batch.Count == 0) break;
            var changes = batch.Where(m => matcher.Match(m.Post).Count > 0 != m.Watches.Contains(watch.Name))
                .Select(m => (m.Id, matcher.Match(m.Post).Count > 0)).ToList();
            changed += await retag.RetagAsync(watch.Name, changes, adjustRollups: true, CancellationToken.None);
            done += batch.Count;
            after = batch[^1].Id;
            await Task.Yield();
        }
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        var (ingested, rate) = await during;
        Console.WriteLine($"rematch: {done:N0} of {total:N0} stored mentions read, {changed:N0} re-tagged, in {elapsed.TotalSeconds:N1} s " +
            $"({done / elapsed.TotalSeconds:N0} mentions/s, reading {readTime.TotalSeconds:N1} s), batches of {rematchBatch}");
        Console.WriteLine($"ingest during rematch: {ingested:N0} mentions at {rate:N0}/s");
    }

    private static async Task<(long Stored, double Rate)> IngestAsync(SqliteMentionStore store, SyntheticMentions generator, int batchSize, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long stored = 0;
        while (!stop.IsCancellationRequested)
        {
            var batch = generator.Next(batchSize);
            if (batch.Count == 0) break;
            stored += (await store.StoreAsync(batch, [], CancellationToken.None)).Stored;
        }
        return (stored, stored / clock.Elapsed.TotalSeconds);
    }
}
