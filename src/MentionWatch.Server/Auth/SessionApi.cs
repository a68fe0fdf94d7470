using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Auth;

/// <summary>The sign-in request body.</summary>
public sealed record SessionRequest(string? ApiKey);

/// <summary>Who is signed in, and the token every change made with the session cookie must send as <c>X-CSRF-Token</c>.</summary>
public sealed record SessionDto(string Name, string Role, string CsrfToken, DateTimeOffset ExpiresAt);

/// <summary><c>/auth/session</c>: the dashboard signs in with an API key and then uses an HttpOnly cookie instead of the key.</summary>
internal static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth/session").WithTags("Dashboard");
        auth.MapPost("/", SignIn).WithSummary("Checks an API key and opens a dashboard session (HttpOnly, SameSite=Strict cookie).");
        auth.MapGet("/", Current).WithSummary("The current dashboard session, or 401.");
        auth.MapDelete("/", SignOut).WithSummary("Ends the dashboard session.");
        return app;
    }

    private static Results<Ok<SessionDto>, ProblemHttpResult> SignIn(
        SessionRequest? body, HttpContext http, ApiKeyRing keys, SessionStore sessions, FailedAuthThrottle throttle)
    {
        var address = http.Connection.RemoteIpAddress;
        if (throttle.Blocked(address) is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed authentications");
        if (string.IsNullOrEmpty(body?.ApiKey) || keys.Resolve(body.ApiKey) is not { } caller)
        {
            throttle.Failed(address);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The API key does not match any configured key.");
        }
        var (id, session) = sessions.Open(caller);
        http.Response.Cookies.Append(SessionStore.CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            Expires = session.ExpiresAt,
        });
        return TypedResults.Ok(ToDto(session));
    }

    private static Results<Ok<SessionDto>, ProblemHttpResult> Current(HttpContext http, SessionStore sessions) =>
        sessions.Find(http.Request.Cookies[SessionStore.CookieName]) is { } session
            ? TypedResults.Ok(ToDto(session))
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Not signed in.");

    private static Results<NoContent, ProblemHttpResult> SignOut(HttpContext http, SessionStore sessions)
    {
        var id = http.Request.Cookies[SessionStore.CookieName];
        if (sessions.Find(id) is { } session && !SessionStore.CsrfMatches(session, http.Request.Headers[SessionStore.CsrfHeader]))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "CSRF token missing or wrong");
        sessions.Close(id);
        http.Response.Cookies.Delete(SessionStore.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
        return TypedResults.NoContent();
    }

    private static SessionDto ToDto(DashboardSession s) => new(s.Caller.Name, s.Caller.Role.Name(), s.CsrfToken, s.ExpiresAt);
}
