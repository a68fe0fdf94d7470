using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Auth;

/// <summary>
/// Writes one audit entry for every change request to the API (any method but GET, HEAD, OPTIONS), whatever its outcome,
/// including refused ones (401, 403, 429): who (the key's configured name), what (method, route, target), when, from
/// where, and the status. Handlers name the target with <see cref="SetTarget"/>; otherwise the route values are used.
/// Entries are appended by <see cref="AuditWriter"/>, not awaited by the request.
/// </summary>
internal sealed class AuditTrail(RequestDelegate next, AuditWriter writer, TimeProvider time)
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

    private ValueTask AppendAsync(HttpContext http, int status)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern
            ? "/" + pattern.Trim('/')
            : http.Request.Path.Value ?? "";
        var target = http.Items.TryGetValue(TargetKey, out var set) ? set as string
            : http.Request.RouteValues.Count == 0 ? null
            : string.Join(", ", http.Request.RouteValues.Select(v => $"{v.Key}={v.Value}"));
        var entry = new AuditEntry(0, time.GetUtcNow(), ApiCaller.Of(http)?.Name, http.Request.Method, route, target,
            http.Connection.RemoteIpAddress?.ToString(), status);
        return writer.EnqueueAsync(entry);
    }
}
