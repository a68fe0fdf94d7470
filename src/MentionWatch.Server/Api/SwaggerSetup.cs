using MentionWatch.Server.Auth;
using Microsoft.OpenApi;

namespace MentionWatch.Server.Api;

/// <summary>OpenAPI document at /swagger/v1/swagger.json and Swagger UI at /swagger, with the X-Api-Key scheme.</summary>
internal static class SwaggerSetup
{
    private const string SchemeId = "ApiKey";

    public static void AddMentionWatchSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.OperationFilter<RequestBodyDocFilter>();
            swagger.OperationFilter<ErrorResponsesFilter>();
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "MentionWatch API",
                Version = "v1",
                Description = "Brand mentions: ingest, search, trends, share of voice, export. Send the API key in the X-Api-Key header.",
            });
            swagger.AddSecurityDefinition(SchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyFilter.HeaderName,
                Description = "Roles: viewer (read), analyst (read, export, ingest), admin (everything).",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeId, document)] = [],
            });
        });
    }
}
