using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Sources.Kit.Streaming;

/// <summary>
/// Runs one <see cref="IStreamingSource"/>: connect, submit every message with its cursor (one transaction), and
/// when the connection ends, fails, or stays silent for <see cref="StreamingOptions.SilenceTimeoutSeconds"/>
/// (heartbeats count as traffic), reconnect after an exponential, jittered backoff. The first message after a
/// reconnect triggers <see cref="IStreamingSource.BackfillAsync"/> for the gap, which is also shown in /sources.
/// </summary>
internal sealed partial class StreamingSourceHost<TSource>(
    TSource source,
    ISourceCursorStore cursorStore,
    IMentionPipeline pipeline,
    SourceStatusRegistry statuses,
    TimeProvider time,
    ILogger<StreamingSourceHost<TSource>> logger) : BackgroundService
    where TSource : IStreamingSource
{
    private int _connections;

    /// <summary>Connections opened so far (tests and logs).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public string CursorKey => source.CursorKey;

    /// <summary>The source this host runs.</summary>
    public TSource Source => source;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (source.DisabledReason is { } reason)
        {
            if (source.StatusTarget is null) statuses.RegisterDisabled(source.Name, reason);
            return;
        }

        statuses.Register(source.Name);
        var options = source.Streaming;
        var silence = TimeSpan.FromSeconds(options.SilenceTimeoutSeconds);
        var failedAttempts = 0;
        DateTimeOffset? gapFrom = null;
        DateTimeOffset? lastMessageAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = false;
            string why;
            Exception? error = null;
            using var watchdog = new CancellationTokenSource(silence, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, watchdog.Token);
            try
            {
                Interlocked.Increment(ref _connections);
                var cursor = await cursorStore.GetCursorAsync(CursorKey, stoppingToken).ConfigureAwait(false);
                await foreach (var message in source.ReadAsync(cursor, linked.Token).ConfigureAwait(false))
                {
                    watchdog.CancelAfter(silence);
                    lastMessageAt = time.GetUtcNow();
                    if (!delivered)
                    {
                        // The connection is alive (a heartbeat proves it as well as a post): report it here, or a
                        // quiet stream would stay "failing" after a reconnect until its next matching post.
                        statuses.ReportSuccess(source.Name, 0, null, source.StatusTarget);
                        if (gapFrom is { } from)
                        {
                            await BackfillAsync(new StreamGap(from, time.GetUtcNow()), cursor, stoppingToken).ConfigureAwait(false);
                            gapFrom = null;
                        }
                    }

                    delivered = true;
                    failedAttempts = 0;
                    if (!message.IsHeartbeat) await SubmitAsync(message, stoppingToken).ConfigureAwait(false);
                }

                why = "the server ended the stream";
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (watchdog.IsCancellationRequested)
            {
                why = $"nothing arrived for {options.SilenceTimeoutSeconds} s (not even a heartbeat)";
            }
            catch (Exception ex)
            {
                why = ex.Message;
                error = ex;
            }

            // The gap runs from the last thing the stream delivered, not from when we noticed it was gone.
            gapFrom ??= lastMessageAt ?? time.GetUtcNow();
            if (!delivered) failedAttempts++;
            var delay = source.ReconnectDelay(error, Math.Max(1, failedAttempts)) ?? Backoff(options, Math.Max(1, failedAttempts));
            statuses.ReportError(source.Name, $"stream disconnected: {why}; reconnecting in {delay.TotalSeconds:0.#} s", source.StatusTarget, permanent: error is Kit.SourceApiException { IsPermanent: true });
            if (error is Kit.SourceApiException { IsPermanent: true })
            {
                // Rejected credentials do not heal by reconnecting: stop until a restart, the reason is in /sources.
                LogPermanent(source.Name, why);
                return;
            }

            LogDisconnected(source.Name, why, delay);
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task BackfillAsync(StreamGap gap, string? cursor, CancellationToken ct)
    {
        statuses.ReportGap(source.Name, gap.From, gap.To);
        if (gap.Length < TimeSpan.FromSeconds(source.Streaming.BackfillMinimumGapSeconds)) return;
        try
        {
            var missed = await source.BackfillAsync(gap, cursor, ct).ConfigureAwait(false);
            if (!missed.IsHeartbeat) await SubmitAsync(missed, ct).ConfigureAwait(false);
            LogBackfilled(source.Name, missed.Posts.Count, gap.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The live stream matters more than the backfill: report it and keep reading.
            statuses.ReportError(source.Name, $"backfill of a {gap.Length.TotalSeconds:0} s gap failed: {ex.Message}", source.StatusTarget);
            LogBackfillFailed(source.Name, ex.Message);
        }
    }

    private async Task SubmitAsync(StreamMessage message, CancellationToken ct)
    {
        var cursors = message.Cursor is null ? Array.Empty<SourceCursor>() : [new SourceCursor(CursorKey, message.Cursor)];
        await pipeline.SubmitAsync(message.Posts, cursors, ct).ConfigureAwait(false);
        statuses.ReportSuccess(source.Name, message.Posts.Count, message.Posts.Count == 0 ? null : message.Posts.Max(p => p.CreatedAt), source.StatusTarget);
    }

    internal static TimeSpan Backoff(StreamingOptions options, int attempt)
    {
        var baseDelay = TimeSpan.FromMilliseconds(options.ReconnectBaseDelayMilliseconds);
        var max = TimeSpan.FromSeconds(options.ReconnectMaxDelaySeconds);
        var exponential = baseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        // Jitter (up to +25%) keeps many clients from reconnecting in lock-step after an outage.
        var jittered = exponential * (1 + Random.Shared.NextDouble() / 4);
        return jittered > max ? max : jittered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} stream disconnected ({Reason}); reconnecting in {Delay}")]
    private partial void LogDisconnected(string source, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Source} stream failed permanently and stays disconnected until restarted: {Reason}")]
    private partial void LogPermanent(string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} backfilled {Count} posts after a gap of {Gap}")]
    private partial void LogBackfilled(string source, int count, TimeSpan gap);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} backfill failed: {Error}")]
    private partial void LogBackfillFailed(string source, string error);
}
