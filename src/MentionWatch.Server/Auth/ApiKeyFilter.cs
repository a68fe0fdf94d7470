using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MentionWatch.Server.Auth;

/// <summary>Marks the least role an endpoint needs; endpoints without it need <see cref="ApiRole.Viewer"/>.</summary>
internal sealed record RequiredRole(ApiRole Role);

/// <summary>
/// Checks <c>X-Api-Key</c> on every endpoint of the group it is added to: 429 while the client address has used up its failed
/// attempts, 401 without a valid key, 403 when the role is too low. The accepted caller is attached to the request.
/// Without the header, a dashboard session cookie stands in for the key (EventSource cannot send headers); a change
/// made with the cookie must also carry the session's <c>X-CSRF-Token</c>.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeyRing keys, FailedAuthThrottle throttle, SessionStore sessions) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var address = http.Connection.RemoteIpAddress;
        if (throttle.Blocked(address) is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many failed authentications",
                detail: $"Too many requests with a missing or wrong {HeaderName} came from this address (limit Auth:FailedAttemptsPerMinute per minute); "
                    + $"try again in {seconds} s.");
        }
        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role ?? ApiRole.Viewer;
        var presented = http.Request.Headers[HeaderName].ToString();
        ApiCaller? caller;
        if (!string.IsNullOrEmpty(presented))
            caller = keys.Resolve(presented);
        else if (sessions.Find(http.Request.Cookies[SessionStore.CookieName]) is { } session)
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !SessionStore.CsrfMatches(session, http.Request.Headers[SessionStore.CsrfHeader]))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "CSRF token missing or wrong",
                    detail: $"A change made with the dashboard session cookie must send the session's {SessionStore.CsrfHeader} header.");
            }
            caller = session.Caller;
        }
        else
            return Unauthorized(http, address, $"Missing API key: send it in the {HeaderName} header.");
        if (caller is null)
            return Unauthorized(http, address, $"The {HeaderName} header does not match any configured API key.");
        caller.AttachTo(http);
        if (caller.Role < required)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Role too low",
                detail: $"This endpoint needs the '{required.Name()}' role; the key '{caller.Name}' has the '{caller.Role.Name()}' role.");
        }
        http.Items[typeof(ApiRole)] = caller.Role;
        return await next(context);
    }

    private ProblemHttpResult Unauthorized(HttpContext http, System.Net.IPAddress? address, string detail)
    {
        throttle.Failed(address);
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = detail,
        });
    }
}

internal static class ApiKeyFilterExtensions
{
    /// <summary>Requires at least <paramref name="role"/> for this endpoint.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, ApiRole role)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredRole(role));
}
