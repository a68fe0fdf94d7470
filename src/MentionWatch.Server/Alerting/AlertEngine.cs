using MentionWatch.Core.Alerts;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting.Outbox;
using MentionWatch.Server.Alerting.Rules;
using MentionWatch.Server.Metrics;
using MentionWatch.Server.Pipeline.Sinks;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Alerting;

/// <summary>
/// Evaluates alert rules on the stream of stored mentions (a <see cref="SinkOverflow.Wait"/> sink: it never loses
/// one) and on the clock. Its position is the arrival number of the last mention evaluated, written with the alerts
/// it caused; after a crash it re-reads what it had not evaluated. One step at a time: the stream, the clock and API
/// commands take turns.
/// </summary>
internal sealed partial class AlertEngine(
    IAlertStore alerts, IMentionQueries mentions, AlertRuleSet ruleSet, OutboxDispatcher outbox, AlertFeed feed, TimeProvider time,
    IOptions<AlertingOptions> options, ILogger<AlertEngine> logger, MentionWatchMetrics metrics)
    : IMentionSink, IHostedService, IDisposable, Support.ISupportChangeListener
{
    private const int CatchUpPage = 1_000;
    private static readonly TimeSpan PositionFlushInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly AlertingOptions _options = options.Value;
    private readonly Dictionary<(string Rule, string Group), AlertRecord> _open = new(RuleGroupComparer.Instance);
    private readonly Dictionary<long, AlertRecord> _live = [];
    private IReadOnlyList<CompiledRule> _rules = [];
    private long _lastAlertId, _evaluated, _persisted;
    private DateTimeOffset _persistedAt;
    private Task _ticker = Task.CompletedTask;

    public string Name => "alerts";

    public SinkOverflow Overflow => SinkOverflow.Wait;

    public IReadOnlyList<CompiledRule> Rules => _rules;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = await alerts.LoadAsync(cancellationToken);
        _lastAlertId = snapshot.LastAlertId;
        foreach (var record in snapshot.Unresolved) Track(record);
        // First start with alerting: history before now is not news, so evaluation begins at the newest mention.
        _evaluated = _persisted = snapshot.EvaluatedArrival ?? await mentions.LastArrivalAsync(cancellationToken);
        _persistedAt = time.GetUtcNow();
        _rules = await InitializeAsync(await ruleSet.LoadAsync(cancellationToken), cancellationToken);
        await outbox.StartAsync(cancellationToken);
        var caughtUp = _options.Paused ? 0 : await CatchUpAsync(cancellationToken);
        if (snapshot.EvaluatedArrival is null) await PersistPositionAsync(force: true, cancellationToken);
        LogStarted(_rules.Count, snapshot.Unresolved.Count, caughtUp);
        _started.TrySetResult();
        if (!_options.Paused) _ticker = TickLoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _ticker.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        await outbox.StopAsync(cancellationToken);
    }

    public async Task ConsumeAsync(IReadOnlyList<Mention> batch, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        // Paused: the store has them; the catch-up after the pause reads them back.
        if (_options.Paused) return;
        var queued = time.GetTimestamp();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var gate = time.GetElapsedTime(queued);
            var step = new AlertStep();
            EvaluateMentions(batch, step);
            await CommitAsync(step, cancellationToken);
            RecordCommitLatency(batch, step);
            // For latency profiling (the alerts benchmark's --debug-log): how long the batch took to get here.
            if (step.Deliveries.Count > 0 && logger.IsEnabled(LogLevel.Debug)) LogStepTimings(batch, step, gate);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Per alert event of the step: from its newest mention in this batch being seen to the commit (the alert latency histogram).</summary>
    private void RecordCommitLatency(IReadOnlyList<Mention> batch, AlertStep step)
    {
        if (step.Events.Count == 0) return;
        var now = time.GetUtcNow();
        foreach (var (_, alert) in step.Events)
        {
            foreach (var summary in alert.Mentions)
            {
                if (batch.FirstOrDefault(m => m.Id == summary.Id) is not { } mention) continue;
                metrics.AlertCommitted(now - mention.SeenAt);
                break;
            }
        }
    }

    /// <summary>Per new alert: how long after its mention was posted and classified it was committed (latency profiling).</summary>
    private void LogStepTimings(IReadOnlyList<Mention> batch, AlertStep step, TimeSpan gate)
    {
        var now = time.GetUtcNow();
        foreach (var delivery in step.Deliveries)
        {
            if (delivery.Alert.Mentions is not [var first, ..] || batch.FirstOrDefault(m => m.Id == first.Id) is not { } mention) continue;
            LogEvaluated(delivery.DeliveryId, mention.Id, (now - mention.Post.CreatedAt).TotalMilliseconds, (now - mention.SeenAt).TotalMilliseconds,
                batch.Count, gate.TotalMilliseconds);
        }
    }

    /// <summary>Forwards a triage change to the rules that track open mentions (an SLA page resolves when its mention is resolved).</summary>
    public async Task OnTriageChangedAsync(long mentionId, string state, CancellationToken cancellationToken)
    {
        if (_options.Paused || !_started.Task.IsCompleted) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var step = new AlertStep();
            var now = time.GetUtcNow();
            foreach (var rule in _rules)
            {
                if (rule.Rule is not ITriageAwareRule aware) continue;
                _signals.Clear();
                aware.OnTriage(mentionId, state, _signals);
                foreach (var signal in _signals) Apply(rule, signal, now, step);
            }
            await CommitAsync(step, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Evaluates what was stored but not evaluated when the process last stopped (or died).</summary>
    private async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var page = await mentions.ReadArrivedAfterAsync(_evaluated, CatchUpPage, cancellationToken);
            if (page.Count == 0) return total;
            var step = new AlertStep();
            EvaluateMentions(page, step, catchingUp: true);
            await CommitAsync(step, cancellationToken);
            total += page.Count;
        }
    }

    private async Task TickLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.EvaluationIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await _gate.WaitAsync(cancellationToken);
                try
                {
                    var step = new AlertStep();
                    Tick(step);
                    await CommitAsync(step, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogTickFailed(ex);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes the step with the position, then hands its deliveries to the outbox and its events to live viewers.</summary>
    private async Task CommitAsync(AlertStep step, CancellationToken cancellationToken)
    {
        if (step.IsEmpty)
        {
            await PersistPositionAsync(force: false, cancellationToken);
            return;
        }
        var changes = step.ToChanges(_evaluated);
        // Nothing of the step is sent before it is stored; writing it again is harmless (upserts, ids written once),
        // so a failing store is retried rather than letting the in-memory state run ahead of the stored one.
        var storing = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await alerts.ApplyAsync(changes, cancellationToken);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCommitFailed(ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), time, cancellationToken);
            }
        }
        if (step.Deliveries.Count > 0 && logger.IsEnabled(LogLevel.Debug))
            LogCommitted(step.Deliveries.Count, string.Join(",", step.Deliveries.Select(d => d.DeliveryId)), time.GetElapsedTime(storing).TotalMilliseconds);
        _persisted = _evaluated;
        _persistedAt = time.GetUtcNow();
        outbox.Enqueue(step.Deliveries);
        feed.Publish(step.Events);
    }

    /// <summary>
    /// A position that lags is safe (mentions evaluated again cause no alerts they did not cause before, since those
    /// were written with the position), so without alerts it is written at most once a second, not once a batch.
    /// </summary>
    private async Task PersistPositionAsync(bool force, CancellationToken cancellationToken)
    {
        // Forced at the first start: "evaluate from here" must be stored even before anything arrives.
        if (!force && _evaluated == _persisted) return;
        var now = time.GetUtcNow();
        if (!force && now - _persistedAt < PositionFlushInterval) return;
        await alerts.ApplyAsync(new AlertChanges([], [], [], _evaluated), cancellationToken);
        _persisted = _evaluated;
        _persistedAt = now;
    }

    private async Task<IReadOnlyList<CompiledRule>> InitializeAsync(IReadOnlyList<CompiledRule> rules, CancellationToken cancellationToken)
    {
        var history = new AlertHistoryFromTrends(mentions);
        var ready = new List<CompiledRule>();
        foreach (var rule in rules)
        {
            var openGroups = _open.Keys.Where(k => string.Equals(k.Rule, rule.Name, StringComparison.OrdinalIgnoreCase)).Select(k => k.Group).ToList();
            try
            {
                await rule.Rule.InitializeAsync(history, openGroups, cancellationToken);
                ready.Add(rule);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRuleInitFailed(ex, rule.Name);
            }
        }
        return ready;
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerting started: {RuleCount} rules, {UnresolvedCount} unresolved alerts, {CaughtUp} mentions evaluated after the last stop")]
    private partial void LogStarted(int ruleCount, int unresolvedCount, int caughtUp);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert step stored with {DeliveryCount} deliveries ({DeliveryIds}) in {StoreMs:0.0} ms")]
    private partial void LogCommitted(int deliveryCount, string deliveryIds, double storeMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {DeliveryId} for mention {MentionId} committed {SincePostedMs:0.0} ms after the post's time and {SinceClassifiedMs:0.0} ms after it was classified (batch of {MentionCount}, gate wait {GateMs:0.0} ms)")]
    private partial void LogEvaluated(string deliveryId, long mentionId, double sincePostedMs, double sinceClassifiedMs, int mentionCount, double gateMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert rule {Rule} could not load its history and is not evaluated")]
    private partial void LogRuleInitFailed(Exception ex, string rule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing alert changes failed (attempt {Attempt}); retrying")]
    private partial void LogCommitFailed(Exception ex, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert evaluation tick failed; the next tick goes on")]
    private partial void LogTickFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rule {Rule} failed on mention {MentionId}; the mention is skipped for this rule")]
    private partial void LogRuleFailed(Exception ex, string rule, long mentionId);

    private sealed class RuleGroupComparer : IEqualityComparer<(string Rule, string Group)>
    {
        public static readonly RuleGroupComparer Instance = new();

        public bool Equals((string Rule, string Group) x, (string Rule, string Group) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Rule, y.Rule) && StringComparer.Ordinal.Equals(x.Group, y.Group);

        public int GetHashCode((string Rule, string Group) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Rule), StringComparer.Ordinal.GetHashCode(key.Group));
    }
}
