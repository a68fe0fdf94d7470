using System.Diagnostics;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Storage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Retention;

/// <summary>
/// Prunes mentions older than <c>Storage:RetentionDays</c> (by post time) and rollups older than
/// <c>Storage:RollupRetentionDays</c>: once at start, then every <see cref="Interval"/>. Each batch is its own short
/// write transaction, so ingest never waits for more than one batch.
/// </summary>
internal sealed partial class MentionRetention(
    IRetentionStore retention, IOptions<StorageOptions> options, TimeProvider time, ILogger<MentionRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Mentions per transaction: a few milliseconds of writer time each.</summary>
    public const int BatchSize = 500;

    private const int ProgressEveryBatches = 20;

    private readonly StorageOptions _options = options.Value;

    /// <summary>Completed runs since start; tests wait on it instead of sleeping.</summary>
    public int Runs => Volatile.Read(ref _runs);

    private int _runs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RetentionDays <= 0) return;
        await Task.Yield();
        LogEnabled(_options.RetentionDays, _options.RollupRetentionDays);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The next run starts where this one stopped: every batch that committed stays pruned.
                    LogRunFailed(ex);
                }
                Interlocked.Increment(ref _runs);
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: every mention and rollup row past its retention, batch by batch.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-_options.RetentionDays);
        var rollupCutoff = now.AddDays(-_options.RollupRetentionDays);
        var started = Stopwatch.GetTimestamp();
        long mentions = 0, rollups = 0;
        var batches = 0;
        int deleted;
        while ((deleted = await retention.PruneMentionsAsync(cutoff, BatchSize, cancellationToken)) > 0)
        {
            mentions += deleted;
            if (++batches % ProgressEveryBatches == 0) LogProgress(mentions, cutoff);
            // Let a waiting ingest batch take the writer between two of ours.
            await Task.Yield();
        }
        while ((deleted = await retention.PruneRollupsAsync(rollupCutoff, BatchSize * 10, cancellationToken)) > 0)
        {
            rollups += deleted;
            await Task.Yield();
        }
        if (mentions > 0 || rollups > 0)
            LogPruned(mentions, cutoff, batches, rollups, rollupCutoff, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention on: mentions are kept {RetentionDays} days, rollups {RollupRetentionDays} days")]
    private partial void LogEnabled(int retentionDays, int rollupRetentionDays);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Mentions} mentions posted before {Cutoff:O} pruned so far")]
    private partial void LogProgress(long mentions, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention pruned {Mentions} mentions posted before {Cutoff:O} in {Batches} batches and {RollupRows} rollup rows before {RollupCutoff:O} in {ElapsedMs:0} ms")]
    private partial void LogPruned(long mentions, DateTimeOffset cutoff, int batches, long rollupRows, DateTimeOffset rollupCutoff, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; it is tried again in an hour")]
    private partial void LogRunFailed(Exception ex);
}
