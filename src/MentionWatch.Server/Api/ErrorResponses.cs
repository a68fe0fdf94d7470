using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

/// <summary>
/// Every error is a ProblemDetails whose detail says what happened: unhandled exceptions, routing's bare 404/405, and URLs
/// longer than <c>Api:MaxUrlLength</c> (Kestrel's own request-line limit is raised far above it, because Kestrel answers
/// that one with an empty 414 before any middleware runs).
/// </summary>
internal static class ErrorResponses
{
    /// <summary>Kestrel's request-line limit; only longer lines get Kestrel's bodiless 414.</summary>
    public const int KestrelRequestLineBytes = 1024 * 1024;

    public static void FillDetail(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail)) return;
        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"No route matches {request.Method} {request.Path}; the API is under /api/v1 (see /swagger).",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; see /swagger for the methods it takes.",
            >= 500 => $"The server failed to answer {request.Method} {request.Path}; the error is logged with trace id {context.HttpContext.TraceIdentifier}.",
            _ => $"The request {request.Method} {request.Path} failed with status {problem.Status}.",
        };
    }

    public static WebApplication UseMentionWatchErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<UrlLengthLimit>();
        return app;
    }
}

/// <summary>Answers a URL longer than <c>Api:MaxUrlLength</c> with a 414 ProblemDetails naming its longest parameter.</summary>
internal sealed class UrlLengthLimit(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = options.Value.MaxUrlLength;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        if (target.Length <= limit)
        {
            await next(http);
            return;
        }
        var longest = http.Request.Query.OrderByDescending(p => p.Value.ToString().Length).FirstOrDefault();
        var inv = CultureInfo.InvariantCulture;
        var detail = string.Format(inv, "The URL is {0:N0} characters long; at most {1:N0} are accepted (Api:MaxUrlLength).", target.Length, limit)
            + (longest.Key is null ? "" : string.Format(inv, " Parameter '{0}' alone is {1:N0} characters; shorten it.", longest.Key, longest.Value.ToString().Length));
        http.Response.StatusCode = StatusCodes.Status414UriTooLong;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status414UriTooLong, Title = "URL too long", Detail = detail, Extensions = { ["parameter"] = longest.Key, ["limit"] = limit } },
        });
    }
}
