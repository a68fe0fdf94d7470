using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// Configuration section <c>Sources:X</c>: the X API v2 recent search source. Polling starts only once
/// <see cref="BearerToken"/> is set.
/// </summary>
public sealed class XSourceOptions
{
    public const string SectionName = "Sources:X";

    /// <summary>App-only bearer token. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Root of the X API; tests point it at a loopback server.</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://api.x.com";

    [Range(1, 86_400)]
    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>Tweets per page; X accepts 10 to 100 for recent search.</summary>
    [Range(10, 100)]
    public int MaxResults { get; set; } = 100;

    /// <summary>Pages fetched per run; a backlog beyond this resumes on the next run from the stored next_token.</summary>
    [Range(1, 100)]
    public int MaxPagesPerRun { get; set; } = 10;

    /// <summary>Retries after the first attempt on 5xx, network errors, timeouts and 429.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; later ones grow exponentially with jitter.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1_000;

    /// <summary>Longest wait for x-rate-limit-reset before a 429 fails the run instead (X windows are 15 minutes).</summary>
    [Range(0, 3_600)]
    public int MaxRateLimitWaitSeconds { get; set; } = 900;

    [Range(1, 600)]
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>Failed attempts (within 60 s, at least half failing) before the circuit opens.</summary>
    [Range(2, 1_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 8;

    [Range(1, 3_600)]
    public int CircuitBreakDurationSeconds { get; set; } = 60;

    public bool HasBearerToken => !string.IsNullOrWhiteSpace(BearerToken);

    public override string ToString() => $"XSourceOptions(BaseUrl={BaseUrl}, BearerToken={(HasBearerToken ? "***" : "<none>")})";
}

/// <summary>Checks what DataAnnotations cannot: the base URL is an absolute http(s) URL.</summary>
internal sealed class XSourceOptionsValidator : IValidateOptions<XSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, XSourceOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{XSourceOptions.SectionName}:BaseUrl must be an absolute http or https URL, got '{options.BaseUrl}'.");
        }

        if (options.BearerToken is { } token && token.Length > 0 && token.Trim().Length != token.Length)
        {
            failures.Add($"{XSourceOptions.SectionName}:BearerToken has leading or trailing whitespace.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
