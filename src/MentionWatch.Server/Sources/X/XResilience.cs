using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// The one resilience pipeline every X request runs through (a singleton, so the circuit state is shared by all
/// watches): retry with exponential backoff and jitter on 5xx, network errors and timeouts; on 429 wait until
/// x-rate-limit-reset (capped); a circuit breaker; a timeout per attempt. Delays run on the injected TimeProvider.
/// </summary>
internal sealed partial class XResilience
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxRateLimitWait;
    private readonly ILogger<XResilience> _logger;

    public XResilience(IOptions<XSourceOptions> options, TimeProvider time, ILogger<XResilience> logger)
    {
        var o = options.Value;
        _time = time;
        _logger = logger;
        _maxRateLimitWait = TimeSpan.FromSeconds(o.MaxRateLimitWaitSeconds);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "x-recent-search", TimeProvider = time };
        if (o.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(o.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromMinutes(2),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                // Null falls back to the exponential backoff; a 429 with a reset header waits for the window instead.
                DelayGenerator = args => ValueTask.FromResult(XRateLimit.WaitFor(args.Outcome.Result, _time.GetUtcNow())),
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = 0.5,
            MinimumThroughput = o.CircuitBreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = TimeSpan.FromSeconds(o.CircuitBreakDurationSeconds),
            ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
            OnOpened = args =>
            {
                LogCircuitOpened(args.BreakDuration, Describe(args.Outcome));
                return default;
            },
        });
        builder.AddTimeout(TimeSpan.FromSeconds(o.AttemptTimeoutSeconds));
        Pipeline = builder.Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited)
        {
            // A window that resets later than we are willing to wait fails the run now; the next run tries again.
            var wait = XRateLimit.WaitFor(limited, _time.GetUtcNow());
            return wait is null || wait <= _maxRateLimitWait;
        }

        return IsTransientFailure(outcome);
    }

    private static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError };

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name + ": " + ex.Message : $"HTTP {(int)outcome.Result!.StatusCode}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "X request attempt {Attempt} failed ({Failure}); retrying in {Delay}")]
    private partial void LogRetry(int attempt, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "X circuit opened for {BreakDuration} after repeated failures (last: {Failure})")]
    private partial void LogCircuitOpened(TimeSpan breakDuration, string failure);
}
