using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting;

/// <summary>What a person's command on an alert came to.</summary>
internal enum AlertCommandOutcome { Done, NotFound, AlreadyResolved, AlreadyAcknowledged }

internal sealed partial class AlertEngine
{
    /// <summary>Acknowledges an open alert: escalation stops, and the event goes to its notifiers (PagerDuty acknowledges its incident).</summary>
    public Task<(AlertCommandOutcome Outcome, Alert? Alert)> AcknowledgeAsync(long id, CancellationToken cancellationToken) =>
        CommandAsync(id, AlertEventType.Acknowledged, cancellationToken);

    /// <summary>Resolves an alert, also in PagerDuty (resolve with the same dedup key).</summary>
    public Task<(AlertCommandOutcome Outcome, Alert? Alert)> ResolveAsync(long id, CancellationToken cancellationToken) =>
        CommandAsync(id, AlertEventType.Resolved, cancellationToken);

    /// <summary>Rules changed through the API: rebuilt and re-initialised (open alerts keep their groups).</summary>
    public async Task ReloadRulesAsync(CancellationToken cancellationToken)
    {
        var loaded = await ruleSet.LoadAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _rules = await InitializeAsync(loaded, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(AlertCommandOutcome, Alert?)> CommandAsync(long id, AlertEventType type, CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Alerts past their window live only in the store.
            var record = _live.GetValueOrDefault(id) ?? await alerts.GetRecordAsync(id, cancellationToken);
            if (record is null) return (AlertCommandOutcome.NotFound, null);
            var alert = record.Alert;
            if (alert.State == AlertState.Resolved) return (AlertCommandOutcome.AlreadyResolved, alert);
            if (type == AlertEventType.Acknowledged && alert.State == AlertState.Acknowledged) return (AlertCommandOutcome.AlreadyAcknowledged, alert);
            var now = time.GetUtcNow();
            var changed = record with
            {
                Alert = type == AlertEventType.Acknowledged
                    ? alert with { State = AlertState.Acknowledged, AcknowledgedAt = now, UpdatedAt = now }
                    : alert with { State = AlertState.Resolved, ResolvedAt = now, UpdatedAt = now },
                UpdatePending = false,
            };
            var step = new AlertStep();
            changed = step.Emit(changed, type, changed.Notifiers, now);
            Save(step, changed);
            await CommitAsync(step, cancellationToken);
            return (AlertCommandOutcome.Done, changed.Alert);
        }
        finally
        {
            _gate.Release();
        }
    }
}
