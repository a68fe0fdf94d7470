using System.Text.Json;
using System.Text.Json.Serialization;
using MentionWatch.Server.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// The API's JSON rules and ProblemDetails, its limits (<c>Api</c>) and live streams (<c>Live</c>), validated at start;
    /// Kestrel takes its body limit from <c>Api</c>.
    /// </summary>
    public static IServiceCollection AddMentionWatchApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
        {
            // Unknown fields are an error: a typo such as "createdat" must not silently drop the value.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });
        services.AddValidatedOptions<ApiOptions>(ApiOptions.Section);
        services.AddValidatedOptions<LiveOptions>(LiveOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        return services;
    }
}
