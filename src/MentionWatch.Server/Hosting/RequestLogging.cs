using System.Diagnostics;
using MentionWatch.Server.Auth;

namespace MentionWatch.Server.Hosting;

/// <summary>
/// One log line per request: method, path, status, duration and the acting key's configured name ("-" without a valid key).
/// Never headers (they carry the API key) or query values.
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = context.Request.Path.Value ?? "";
            if (!path.StartsWith("/healthz", StringComparison.Ordinal) && !path.StartsWith("/readyz", StringComparison.Ordinal))
            {
                LogRequest(context.Request.Method, path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    ApiCaller.Of(context)?.Name ?? "-");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms for key {KeyName}")]
    private partial void LogRequest(string method, string path, int statusCode, double elapsedMs, string keyName);
}
