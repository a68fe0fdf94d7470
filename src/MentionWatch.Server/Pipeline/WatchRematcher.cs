using System.Collections.Concurrent;
using System.Threading.Channels;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Matching;
using MentionWatch.Core.Storage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Pipeline;

/// <summary>Where a watch's re-match is: <c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>, with mentions done of total.</summary>
public sealed record RematchProgress(string State, long Done, long Total);

/// <summary>
/// After a watch is created or changed, re-matches the stored mentions of the last <c>Watches:RematchDays</c> against it;
/// after a watch is deleted, removes its tags from every mention and drops its rollups. One job at a time, in small
/// write batches, so ingest never stops; progress is kept for <c>GET /api/v1/watches/{name}</c> and logged.
/// </summary>
internal sealed partial class WatchRematcher(
    IWatchRetagStore store, IOptions<WatchRematchOptions> options, TimeProvider time, ILogger<WatchRematcher> logger) : BackgroundService, IWatchChangeListener
{
    private readonly Channel<(Watch? Watch, string Name)> _jobs = Channel.CreateUnbounded<(Watch?, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, RematchProgress> _progress = new(StringComparer.OrdinalIgnoreCase);

    public RematchProgress? ProgressOf(string watch) => _progress.GetValueOrDefault(watch);

    public Task OnWatchChangedAsync(WatchChange change, CancellationToken cancellationToken)
    {
        if (change.Watch is { } watch) Rematch(watch);
        else Untag(change.Name);
        return Task.CompletedTask;
    }

    /// <summary>Queues a re-match of <paramref name="watch"/> (created or changed).</summary>
    public void Rematch(Watch watch)
    {
        if (options.Value.RematchDays == 0) return;
        _progress[watch.Name] = new RematchProgress("queued", 0, 0);
        _jobs.Writer.TryWrite((watch, watch.Name));
    }

    /// <summary>Queues removing the tags and rollups of a deleted watch.</summary>
    public void Untag(string watch)
    {
        _progress[watch] = new RematchProgress("queued", 0, 0);
        _jobs.Writer.TryWrite((null, watch));
    }

    /// <summary>Waits until nothing is queued or running (tests and the benchmark).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (_progress.Values.Any(p => p.State is "queued" or "running")) await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (watch, name) in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (watch is null) await UntagAsync(name, stoppingToken);
                else await RematchAsync(watch, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var before = _progress.GetValueOrDefault(name) ?? new RematchProgress("failed", 0, 0);
                _progress[name] = before with { State = "failed" };
                LogFailed(ex, name);
            }
        }
    }

    private async Task RematchAsync(Watch watch, CancellationToken cancellationToken)
    {
        var from = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RematchDays);
        var total = await store.CountSinceAsync(from, cancellationToken);
        var matcher = new WatchMatcher([watch]);
        long done = 0, changed = 0, after = 0;
        _progress[watch.Name] = new RematchProgress("running", 0, total);
        LogStarted(watch.Name, total, options.Value.RematchDays);
        while (true)
        {
            var batch = await store.ReadForRematchAsync(from, after, options.Value.RematchBatchSize, cancellationToken);
            if (batch.Count == 0) break;
            var changes = new List<(long, bool)>();
            foreach (var mention in batch)
            {
                var member = matcher.Match(mention.Post).Count > 0 && matcher.BrandPostOf(mention.Post).Count == 0;
                if (member != mention.Watches.Contains(watch.Name, StringComparer.Ordinal)) changes.Add((mention.Id, member));
            }
            changed += await store.RetagAsync(watch.Name, changes, adjustRollups: true, cancellationToken);
            done += batch.Count;
            after = batch[^1].Id;
            _progress[watch.Name] = new RematchProgress("running", done, Math.Max(total, done));
            // Let waiting ingest batches take the writer between two re-match batches.
            await Task.Yield();
        }
        _progress[watch.Name] = new RematchProgress("done", done, Math.Max(total, done));
        LogFinished(watch.Name, done, changed);
    }

    private async Task UntagAsync(string watch, CancellationToken cancellationToken)
    {
        await store.DropRollupsAsync(watch, cancellationToken);
        long done = 0, after = 0;
        _progress[watch] = new RematchProgress("running", 0, 0);
        while (true)
        {
            var ids = await store.TaggedAsync(watch, after, options.Value.RematchBatchSize, cancellationToken);
            if (ids.Count == 0) break;
            await store.RetagAsync(watch, ids.Select(id => (id, false)).ToList(), adjustRollups: false, cancellationToken);
            done += ids.Count;
            after = ids[^1];
            _progress[watch] = new RematchProgress("running", done, done);
            await Task.Yield();
        }
        await store.DropRollupsAsync(watch, cancellationToken);
        _progress[watch] = new RematchProgress("done", done, done);
        LogUntagged(watch, done);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-matching watch {Watch}: {Total} stored mentions of the last {Days} days")]
    private partial void LogStarted(string watch, long total, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-matched watch {Watch}: {Done} mentions read, {Changed} re-tagged")]
    private partial void LogFinished(string watch, long done, long changed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted watch {Watch}: its tag removed from {Done} mentions, its rollups dropped")]
    private partial void LogUntagged(string watch, long done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-matching watch {Watch} failed; the tags of the mentions done so far stay")]
    private partial void LogFailed(Exception ex, string watch);
}
