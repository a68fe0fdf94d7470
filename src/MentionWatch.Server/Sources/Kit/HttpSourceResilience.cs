using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// The one resilience pipeline every request of one HTTP source runs through (a singleton per source, so the circuit
/// state is shared by all its watches): retry with exponential backoff and jitter on 5xx, network errors and
/// timeouts; on 429 wait until the announced reset (capped by MaxRateLimitWaitSeconds); a circuit breaker; a timeout
/// per attempt. Delays run on the injected TimeProvider.
/// </summary>
internal sealed partial class HttpSourceResilience<TOptions> where TOptions : HttpSourceOptions
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxRateLimitWait;
    private readonly ILogger _logger;
    private readonly string _name;

    public HttpSourceResilience(IOptions<TOptions> options, TimeProvider time, ILogger<HttpSourceResilience<TOptions>> logger)
    {
        var o = options.Value;
        _time = time;
        _logger = logger;
        _name = o.ResilienceName;
        _maxRateLimitWait = TimeSpan.FromSeconds(o.MaxRateLimitWaitSeconds);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = _name + "-http", TimeProvider = time };
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
                // Null falls back to the exponential backoff; a 429 with a reset waits for the window instead.
                DelayGenerator = args => ValueTask.FromResult(RateLimitHeaders.WaitFor(args.Outcome.Result, _time.GetUtcNow())),
                OnRetry = args =>
                {
                    LogRetry(_name, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
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
                LogCircuitOpened(_name, args.BreakDuration, Describe(args.Outcome));
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
            // A window that resets later than we are willing to wait fails the poll now; the next poll tries again.
            var wait = RateLimitHeaders.WaitFor(limited, _time.GetUtcNow());
            return wait is null || wait <= _maxRateLimitWait;
        }

        return IsTransientFailure(outcome);
    }

    private static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError };

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name + ": " + ex.Message : $"HTTP {(int)outcome.Result!.StatusCode}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} request attempt {Attempt} failed ({Failure}); retrying in {Delay}")]
    private partial void LogRetry(string source, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} circuit opened for {BreakDuration} after repeated failures (last: {Failure})")]
    private partial void LogCircuitOpened(string source, TimeSpan breakDuration, string failure);
}
