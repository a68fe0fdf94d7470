using MentionWatch.Core.Alerts;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Metrics;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Alerting.Outbox;

/// <summary>
/// Sends stored deliveries: one worker per notifier (each with its own Polly pipeline and circuit), fed by the
/// engine after each commit and, at start, with everything still pending from before a stop or a crash.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IAlertStore store, NotifierRegistry notifiers, TimeProvider time, IOptions<AlertingOptions> options, ILogger<OutboxDispatcher> logger,
    MentionWatchMetrics metrics)
{
    private readonly Dictionary<string, NotifierWorker> _workers = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var notifier in notifiers.All)
            _workers[notifier.Name] = new NotifierWorker(notifier, store, DeliveryPolicy.Build(options.Value, time), options.Value, time, logger, metrics);
        var pending = await store.PendingDeliveriesAsync(cancellationToken);
        Enqueue(pending);
        if (pending.Count > 0) LogResumed(pending.Count);
        _running = Task.WhenAll(_workers.Values.Select(w => Task.Run(() => w.RunAsync(_stopping.Token), CancellationToken.None)));
    }

    public void Enqueue(IEnumerable<DeliveryRecord> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            if (_workers.TryGetValue(delivery.Notifier, out var worker)) worker.Enqueue(delivery);
            else LogUnknownNotifier(delivery.DeliveryId, delivery.Notifier);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Count} deliveries pending from before the start are being sent")]
    private partial void LogResumed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} names notifier {Notifier}, which is no longer configured; it stays pending")]
    private partial void LogUnknownNotifier(string deliveryId, string notifier);
}
