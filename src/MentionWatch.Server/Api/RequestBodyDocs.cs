using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MentionWatch.Server.Api;

/// <summary>
/// Documents a request body the handler reads itself. <c>.Accepts(...)</c> would also make routing answer 415
/// before the handler (and before the API-key check) with a message that names nothing, so it is not used.
/// </summary>
internal sealed record RequestBodyDoc(Type Type, string[] ContentTypes);

internal sealed class RequestBodyDocFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var doc = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestBodyDoc>().FirstOrDefault();
        if (doc is null) return;
        var schema = context.SchemaGenerator.GenerateSchema(doc.Type, context.SchemaRepository);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = doc.ContentTypes.ToDictionary(c => c, IOpenApiMediaType (_) => new OpenApiMediaType { Schema = schema }),
        };
    }
}

internal static class RequestBodyDocExtensions
{
    public static RouteHandlerBuilder DocumentsBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithMetadata(new RequestBodyDoc(typeof(T), contentTypes.Length == 0 ? ["application/json"] : contentTypes));
}
