using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MentionWatch.Server.Auth;

/// <summary>Marks the least role an endpoint needs; endpoints without it need <see cref="ApiRole.Viewer"/>.</summary>
internal sealed record RequiredRole(ApiRole Role);

/// <summary>Checks <c>X-Api-Key</c> on every endpoint of the group it is added to: 401 without a valid key, 403 when the role is too low.</summary>
internal sealed class ApiKeyFilter(ApiKeyRing keys) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role ?? ApiRole.Viewer;
        var presented = http.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
            return Unauthorized(http, $"Missing API key: send it in the {HeaderName} header.");
        if (keys.Resolve(presented) is not { } caller)
            return Unauthorized(http, $"The {HeaderName} header does not match any configured API key.");
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

    private static ProblemHttpResult Unauthorized(HttpContext http, string detail)
    {
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
