using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MentionWatch.Server.Api;

/// <summary>
/// Documents error responses as ProblemDetails: each endpoint lists its own (<see cref="ErrorResponseDocExtensions.ProducesErrors"/>);
/// this filter adds the ones every /api/v1 operation can give: 401 (no or wrong key), 429 (too many failed keys from the
/// address), 403 where the endpoint needs more than viewer, and 414 (URL too long).
/// </summary>
internal sealed class ErrorResponsesFilter : IOperationFilter
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "Invalid parameters or body; detail names each problem.",
        [401] = "X-Api-Key missing or not a configured key.",
        [403] = "The key's role is too low for this endpoint.",
        [404] = "Unknown watch (every unknown name is listed) or mention.",
        [409] = "A watch with this name (ignoring case) exists.",
        [413] = "Body larger than Api:MaxRequestBodyBytes, or more posts than Api:MaxPostsPerIngest.",
        [414] = "URL longer than Api:MaxUrlLength; detail names the longest parameter.",
        [415] = "Body is not JSON (or NDJSON for ingest).",
        [429] = "Too many failed authentications from this address; see Retry-After.",
        [503] = "The store could not write the batch, or the service is stopping; nothing of the batch is acknowledged.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = context.ApiDescription.RelativePath ?? "";
        if (!path.StartsWith("api/", StringComparison.Ordinal)) return;
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var required = metadata.OfType<RequiredRole>().LastOrDefault()?.Role ?? ApiRole.Viewer;
        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];
        IEnumerable<int> common = required > ApiRole.Viewer ? [401, 403, 414, 429] : [401, 414, 429];
        foreach (var status in common.Concat(operation.Responses.Keys.Where(k => k.Length == 3 && k[0] is '4' or '5').Select(int.Parse)).Distinct())
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = Descriptions.GetValueOrDefault(status, "Error; see the ProblemDetails detail."),
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
            };
        }
    }
}

internal static class ErrorResponseDocExtensions
{
    /// <summary>Documents <paramref name="statuses"/> as ProblemDetails responses of this endpoint.</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }
}
