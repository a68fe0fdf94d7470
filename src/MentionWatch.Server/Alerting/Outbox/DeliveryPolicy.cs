using MentionWatch.Server.Alerting.Notifiers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace MentionWatch.Server.Alerting.Outbox;

/// <summary>
/// The resilience pipeline of one notifier (Polly): retries without a count limit (the outbox dead-letters by age),
/// exponential backoff with jitter, the receiver's own Retry-After honoured, and a circuit breaker so a receiver that
/// is down is not hammered. Permanent answers are never retried.
/// </summary>
internal static class DeliveryPolicy
{
    public static ResiliencePipeline<DeliveryResult> Build(AlertingOptions options, TimeProvider time)
    {
        static bool Transient(Outcome<DeliveryResult> outcome) =>
            outcome.Exception is BrokenCircuitException || outcome.Result?.Outcome == DeliveryOutcome.Transient;

        var maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        return new ResiliencePipelineBuilder<DeliveryResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<DeliveryResult>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds),
                ShouldHandle = args => ValueTask.FromResult(Transient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome switch
                {
                    { Exception: BrokenCircuitException { RetryAfter: { } open } } => open,
                    { Result.RetryAfter: { } wait } => wait < maxRetryAfter ? wait : maxRetryAfter,
                    _ => null,
                }),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<DeliveryResult>
            {
                FailureRatio = 0.5,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakDurationSeconds),
                // A receiver asking us to slow down (429) is alive: the retry honours its wait; only failures open the circuit.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Outcome: DeliveryOutcome.Transient, StatusCode: not 429 }),
            })
            .Build();
    }
}
