using MentionWatch.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>The API's limits (<c>Api</c>) and live streams (<c>Live</c>), validated at start; Kestrel takes its body limit from <c>Api</c>.</summary>
    public static IServiceCollection AddMentionWatchApi(this IServiceCollection services)
    {
        services.AddValidatedOptions<ApiOptions>(ApiOptions.Section);
        services.AddValidatedOptions<LiveOptions>(LiveOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        return services;
    }
}
