using System.Globalization;
using System.Net;

namespace MentionWatch.Server.Sources.X;

/// <summary>Reads X's rate-limit headers (x-rate-limit-limit / -remaining / -reset, reset in epoch seconds).</summary>
internal static class XRateLimit
{
    public const string ResetHeader = "x-rate-limit-reset";
    public const string RemainingHeader = "x-rate-limit-remaining";

    public static DateTimeOffset? ReadReset(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ResetHeader, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epochSeconds)
            ? DateTimeOffset.FromUnixTimeSeconds(epochSeconds)
            : null;

    /// <summary>
    /// How long to wait before retrying a 429: until the reset instant plus one second (the header has second
    /// resolution), never negative. Null when the response is not a 429 or carries no reset header.
    /// </summary>
    public static TimeSpan? WaitFor(HttpResponseMessage? response, DateTimeOffset now)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests || ReadReset(response) is not { } reset)
        {
            return null;
        }

        var wait = reset - now + TimeSpan.FromSeconds(1);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
