using MentionWatch.Server.Auth;
using MentionWatch.Server.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Net;

internal static class CorsSetup
{
    /// <summary>CORS for the browser origins in <c>Cors:AllowedOrigins</c>, each checked at start; none configured means no policy.</summary>
    public static IServiceCollection AddMentionWatchCors(this IServiceCollection services)
    {
        services.AddValidatedOptions<CorsOriginsOptions>(CorsOriginsOptions.Section);
        services.AddSingleton<IValidateOptions<CorsOriginsOptions>, CorsOriginsOptionsValidator>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsOriginsOptions>>((cors, origins) =>
        {
            // No origins, no policy: the CORS middleware then adds nothing and browsers keep the same-origin rule.
            if (origins.Value.AllowedOrigins.Count == 0) return;
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. origins.Value.AllowedOrigins])
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders(ApiKeyFilter.HeaderName, "Content-Type", "Accept", "Accept-Encoding")
                .WithExposedHeaders("Location", "Retry-After", "Content-Disposition"));
        });
        return services;
    }
}
