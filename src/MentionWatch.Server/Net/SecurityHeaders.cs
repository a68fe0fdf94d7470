namespace MentionWatch.Server.Net;

/// <summary>
/// Headers on every response, set when it starts so error pages get them too: no MIME sniffing, no framing, no referrer,
/// and a Content-Security-Policy that lets API responses load nothing. Swagger UI gets a policy that lets its own
/// scripts and styles run.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private const string SwaggerUiPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // The dashboard: its own scripts, styles and API calls only; no inline script.
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            var ui = context.Request.Path.StartsWithSegments("/swagger") && !context.Request.Path.Value!.EndsWith(".json", StringComparison.Ordinal);
            var path = context.Request.Path;
            var dashboard = path == "/" || path.StartsWithSegments("/ui");
            headers.ContentSecurityPolicy = ui ? SwaggerUiPolicy : dashboard ? DashboardPolicy : ApiPolicy;
            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
