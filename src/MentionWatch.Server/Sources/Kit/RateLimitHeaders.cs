using System.Globalization;
using System.Net;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// Reads the rate-limit signals the sources' APIs send: <c>Retry-After</c> (seconds or an HTTP date),
/// X's <c>x-rate-limit-reset</c> (epoch seconds), Reddit's <c>x-ratelimit-reset</c> (seconds from now) and Mastodon's
/// header of the same name, which is an ISO 8601 time instead.
/// </summary>
internal static class RateLimitHeaders
{
    public const string EpochResetHeader = "x-rate-limit-reset";
    public const string DeltaResetHeader = "x-ratelimit-reset";
    public const string DeltaRemainingHeader = "x-ratelimit-remaining";

    /// <summary>Bluesky's (atproto) <c>ratelimit-reset</c>: epoch seconds, like X's.</summary>
    public const string AtprotoResetHeader = "ratelimit-reset";

    /// <summary>When the limit resets, from whichever header the response carries; null when none.</summary>
    public static DateTimeOffset? ReadReset(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) return now + delta;
            if (retryAfter.Date is { } date) return date;
        }

        if ((Number(response, EpochResetHeader) ?? Number(response, AtprotoResetHeader)) is { } epoch)
        {
            // Second resolution: one more second makes sure the window has really reset.
            return DateTimeOffset.FromUnixTimeSeconds((long)epoch) + TimeSpan.FromSeconds(1);
        }

        if (!response.Headers.TryGetValues(DeltaResetHeader, out var values)) return null;
        var value = values.FirstOrDefault();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)) return now + TimeSpan.FromSeconds(Math.Ceiling(seconds));
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    /// <summary>Requests left in the window (Reddit sends a decimal such as <c>99.0</c>); null when not sent.</summary>
    public static double? ReadRemaining(HttpResponseMessage response) => Number(response, DeltaRemainingHeader);

    /// <summary>How long to wait before retrying a 429: until the reset, never negative; null when not a 429 or no reset is given.</summary>
    public static TimeSpan? WaitFor(HttpResponseMessage? response, DateTimeOffset now)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests || ReadReset(response, now) is not { } reset) return null;
        var wait = reset - now;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
