using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Alerting;

/// <summary>
/// <c>Alerts:*</c> settings of the engine and the outbox. Rules (<c>Alerts:Rules</c>), notifiers
/// (<c>Alerts:Notifiers</c>) and routes (<c>Alerts:Routes</c>) are validated by <see cref="AlertingConfigurationValidator"/>.
/// </summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerts";

    /// <summary>Notifier and route targets on loopback or private addresses are refused unless this is true (server-side request forgery).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>
    /// Maintenance switch: while true nothing is evaluated and the evaluation position stays where it is, so the
    /// mentions stored meanwhile are evaluated (and page, within each rule's MaxPostAgeMinutes) once it is false again.
    /// </summary>
    public bool Paused { get; set; }

    /// <summary>How often time-driven rules (spike, flatline), throttled updates and escalations are evaluated.</summary>
    [Range(1, 300)]
    public int EvaluationIntervalSeconds { get; set; } = 5;

    /// <summary>Newest mentions carried inside an alert (and its notifications).</summary>
    [Range(1, 50)]
    public int MentionsPerAlert { get; set; } = 5;

    /// <summary>A delivery still not accepted this long after its event is dead-lettered (visible in the API).</summary>
    [Range(1, 60 * 24 * 30)]
    public int DeadLetterAfterMinutes { get; set; } = 24 * 60;

    /// <summary>First retry delay; later ones grow exponentially with jitter, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(10, 600_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1_000;

    [Range(1, 3_600)]
    public int MaxRetryDelaySeconds { get; set; } = 300;

    /// <summary>The longest a receiver's own Retry-After is honoured.</summary>
    [Range(1, 86_400)]
    public int MaxRetryAfterSeconds { get; set; } = 3_600;

    /// <summary>Attempts (half of them failing within 60 s) before a notifier's circuit opens.</summary>
    [Range(2, 1_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 6;

    [Range(1, 3_600)]
    public int CircuitBreakDurationSeconds { get; set; } = 30;
}
