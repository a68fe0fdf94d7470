using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MentionWatch.Server.Auth;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Metrics;

/// <summary>
/// Guards <c>/metrics</c>: queue depths, source names and alert volumes tell an outsider how the brand is doing, so a key
/// is required unless <c>Metrics:AllowAnonymous</c> is set. Any API key (every role is at least viewer) or the scrape-only
/// <c>Metrics:Key</c> works, sent as <c>X-Api-Key</c> or <c>Authorization: Bearer</c> (what Prometheus' scrape config
/// sends). Failed attempts count toward the same per-address throttle as the API.
/// </summary>
internal sealed class MetricsAccess(RequestDelegate next)
{
    // Services come per request: the exporter builds this branch while the endpoints are mapped, before the options are
    // validated at start, and resolving them then would report one bad setting instead of listing them all.
    public async Task InvokeAsync(HttpContext context, IOptions<MetricsOptions> options, ApiKeyRing keys, FailedAuthThrottle throttle)
    {
        if (options.Value.AllowAnonymous)
        {
            await next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress;
        if (throttle.Blocked(address) is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed authentications",
                detail: $"Too many requests with a missing or wrong key came from this address; try again in {seconds} s.").ExecuteAsync(context);
            return;
        }
        var presented = Presented(context.Request);
        if (presented.Length > 0 && options.Value.Key is { Length: > 0 } scrapeKey
            && CryptographicOperations.FixedTimeEquals(Digest(presented), Digest(scrapeKey)))
        {
            new ApiCaller("metrics", ApiRole.Viewer, MayClaimSources: false).AttachTo(context);
            await next(context);
            return;
        }
        if (presented.Length > 0 && keys.Resolve(presented) is { } caller)
        {
            caller.AttachTo(context);
            await next(context);
            return;
        }
        throttle.Failed(address);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: presented.Length == 0
                ? $"/metrics needs a key: send an API key or Metrics:Key in the {ApiKeyFilter.HeaderName} header or as 'Authorization: Bearer <key>'."
                : "The key does not match any configured API key or Metrics:Key.").ExecuteAsync(context);
    }

    private static string Presented(HttpRequest request)
    {
        var header = request.Headers[ApiKeyFilter.HeaderName].ToString();
        if (header.Length > 0) return header;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
