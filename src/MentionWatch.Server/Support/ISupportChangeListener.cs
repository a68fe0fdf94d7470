namespace MentionWatch.Server.Support;

/// <summary>
/// Told of every triage change made through the API, in-process, after it is stored: the alert engine forwards it to
/// rules that track open mentions (an SLA page resolves when its mention is resolved or ignored).
/// </summary>
public interface ISupportChangeListener
{
    Task OnTriageChangedAsync(long mentionId, string state, CancellationToken cancellationToken);
}
