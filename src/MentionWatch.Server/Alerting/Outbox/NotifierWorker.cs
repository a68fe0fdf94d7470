using System.Diagnostics;
using System.Threading.Channels;
using MentionWatch.Core.Alerts;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Metrics;
using Polly;

namespace MentionWatch.Server.Alerting.Outbox;

/// <summary>
/// Delivers one notifier's queue in order, one delivery at a time, so a receiver that is down holds up only its own
/// queue. Every attempt is recorded with the delivery's state before the next one starts; an accepted delivery is
/// marked delivered and never sent again.
/// </summary>
internal sealed partial class NotifierWorker(
    IAlertNotifier notifier, IAlertStore store, ResiliencePipeline<DeliveryResult> pipeline, AlertingOptions options, TimeProvider time, ILogger logger,
    MentionWatchMetrics metrics)
{
    private readonly Channel<DeliveryRecord> _queue = Channel.CreateUnbounded<DeliveryRecord>(new UnboundedChannelOptions { SingleReader = true });

    public string Name => notifier.Name;

    public void Enqueue(DeliveryRecord delivery) => _queue.Writer.TryWrite(delivery);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await DeliverAsync(delivery, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // The delivery stays pending in the store and goes out after the next start.
                    LogDeliveryCrashed(ex, delivery.DeliveryId, Name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is pending stays pending in the store.
        }
    }

    private async Task DeliverAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        var current = delivery;
        // For latency profiling: from the engine's step (before its commit) until this worker picks the delivery up.
        var queuedMs = (time.GetUtcNow() - delivery.CreatedAt).TotalMilliseconds;
        var deadline = delivery.CreatedAt + TimeSpan.FromMinutes(options.DeadLetterAfterMinutes);
        var result = await pipeline.ExecuteAsync(async token =>
        {
            if (time.GetUtcNow() >= deadline)
                return DeliveryResult.Permanent($"not accepted within {options.DeadLetterAfterMinutes} minutes; last error: {current.LastError}");
            var started = Stopwatch.GetTimestamp();
            DeliveryResult attempt;
            try
            {
                attempt = await notifier.SendAsync(current.ToNotification(), token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                attempt = DeliveryResult.Transient($"the notifier failed: {ex.GetType().Name}");
            }
            var took = Stopwatch.GetElapsedTime(started);
            current = await RecordAsync(current, attempt, took, token);
            if (logger.IsEnabled(LogLevel.Debug))
                LogSent(current.DeliveryId, Name, queuedMs, took.TotalMilliseconds, (Stopwatch.GetElapsedTime(started) - took).TotalMilliseconds);
            return attempt;
        }, cancellationToken);
        if (result.Outcome == DeliveryOutcome.Permanent && current.State != DeliveryState.Dead)
            current = await RecordAsync(current, result, TimeSpan.Zero, cancellationToken, countAttempt: false);
        if (current.State == DeliveryState.Dead) LogDeadLettered(current.DeliveryId, Name, current.LastError);
    }

    private async Task<DeliveryRecord> RecordAsync(DeliveryRecord current, DeliveryResult result, TimeSpan took, CancellationToken cancellationToken, bool countAttempt = true)
    {
        var now = time.GetUtcNow();
        var attempts = current.Attempts + (countAttempt ? 1 : 0);
        var updated = current with
        {
            Attempts = attempts,
            NextAttemptAt = now,
            State = result.Outcome switch
            {
                DeliveryOutcome.Accepted => DeliveryState.Delivered,
                DeliveryOutcome.Permanent => DeliveryState.Dead,
                _ => DeliveryState.Pending,
            },
            LastError = result.Outcome == DeliveryOutcome.Accepted ? current.LastError : result.Detail,
            DeliveredAt = result.Outcome == DeliveryOutcome.Accepted ? now : null,
        };
        var attempt = new DeliveryAttempt(current.DeliveryId, Math.Max(1, attempts), now, result.Outcome.ToString().ToLowerInvariant(),
            result.StatusCode, result.Detail, took.TotalMilliseconds);
        // Not cancellable: an accepted delivery must be recorded, or it would be sent again after a restart.
        await store.RecordAttemptAsync(attempt, updated, CancellationToken.None);
        metrics.DeliveryAttempt(Name, attempt.Outcome);
        if (result.Outcome == DeliveryOutcome.Accepted) metrics.AlertDelivered(Name, now - current.CreatedAt);
        if (result.Outcome == DeliveryOutcome.Transient) LogAttemptFailed(current.DeliveryId, Name, attempts, result.Detail);
        return updated;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {DeliveryId} to {Notifier}: picked up {QueuedMs:0.0} ms after its step, sent in {SendMs:0.0} ms, recorded in {RecordMs:0.0} ms")]
    private partial void LogSent(string deliveryId, string notifier, double queuedMs, double sendMs, double recordMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to {Notifier} failed (attempt {Attempt}): {Detail}; retrying")]
    private partial void LogAttemptFailed(string deliveryId, string notifier, int attempt, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} to {Notifier} is dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string deliveryId, string notifier, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} to {Notifier} stopped unexpectedly; it is retried after the next start")]
    private partial void LogDeliveryCrashed(Exception ex, string deliveryId, string notifier);
}
