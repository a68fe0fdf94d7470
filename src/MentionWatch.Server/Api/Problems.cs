using MentionWatch.Core.Query;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>ProblemDetails results used by every endpoint, so each error names what was wrong.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ProblemHttpResult InvalidQuery(QuerySyntaxException ex, string parameter) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid query",
            detail: $"{parameter}: {ex.Message} (at position {ex.Position}, expected {ex.Expected})",
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = parameter,
                ["position"] = ex.Position,
                ["expected"] = ex.Expected,
            });

    public static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            detail: string.Join(" ", errors.SelectMany(e => e.Value)),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
