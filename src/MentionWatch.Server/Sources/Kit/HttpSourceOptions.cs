using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// Resilience settings every HTTP source shares; each source's options class derives from it, so the keys sit in
/// its own section (<c>Sources:X:MaxRetries</c>, <c>Sources:Reddit:MaxRetries</c>, ...).
/// </summary>
public abstract class HttpSourceOptions
{
    /// <summary>Retries after the first attempt on 5xx, network errors, timeouts and 429.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; later ones grow exponentially with jitter.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1_000;

    /// <summary>Longest wait for a rate-limit reset (Retry-After, x-rate-limit-reset, x-ratelimit-reset) before a 429 fails the poll instead.</summary>
    [Range(0, 3_600)]
    public int MaxRateLimitWaitSeconds { get; set; } = 900;

    [Range(1, 600)]
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>Failed attempts (within 60 s, at least half failing) before the circuit opens.</summary>
    [Range(2, 1_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 8;

    [Range(1, 3_600)]
    public int CircuitBreakDurationSeconds { get; set; } = 60;

    /// <summary>The source name used in the pipeline's name and log lines.</summary>
    protected internal abstract string ResilienceName { get; }
}
