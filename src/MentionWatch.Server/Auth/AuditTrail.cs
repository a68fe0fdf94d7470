using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Auth;

/// <summary>
/// Writes one audit entry for every change request to the API (any method but GET, HEAD, OPTIONS), whatever its outcome,
/// including refused ones (401, 403, 429): who (the key's configured name), what (method, route, target), when, from
/// where, and the status. Handlers name the target with <see cref="SetTarget"/>; otherwise the route values are used.
/// </summary>
internal sealed partial class AuditTrail(RequestDelegate next, IAuditLog log, TimeProvider time, ILogger<AuditTrail> logger)
{
    private static readonly object TargetKey = new();

    /// <summary>What the change was about, e.g. "watch voltik" or "ingest: 3 posts, 2 accepted".</summary>
    public static void SetTarget(HttpContext http, string target) => http.Items[TargetKey] = target;

    public async Task InvokeAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || !http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(http);
            status = http.Response.StatusCode;
        }
        finally
        {
            await AppendAsync(http, status);
        }
    }

    private async Task AppendAsync(HttpContext http, int status)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern
            ? "/" + pattern.Trim('/')
            : http.Request.Path.Value ?? "";
        var target = http.Items.TryGetValue(TargetKey, out var set) ? set as string
            : http.Request.RouteValues.Count == 0 ? null
            : string.Join(", ", http.Request.RouteValues.Select(v => $"{v.Key}={v.Value}"));
        var entry = new AuditEntry(0, time.GetUtcNow(), ApiCaller.Of(http)?.Name, http.Request.Method, route, target,
            http.Connection.RemoteIpAddress?.ToString(), status);
        try
        {
            // Not the request's token: a client that hangs up must not erase the record of what it did.
            await log.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogAuditFailed(ex, entry.Method, entry.Route, entry.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry for {Method} {Route} ({StatusCode}) could not be stored")]
    private partial void LogAuditFailed(Exception ex, string method, string route, int statusCode);
}
