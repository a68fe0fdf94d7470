using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.X;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class XSourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the X API v2 recent search source: options from <c>Sources:X</c> (validated at start), the typed HTTP
    /// client with its resilience pipeline, and its registration with the host's poll scheduler (it polls every
    /// watch once a bearer token is set). Idempotent.
    /// </summary>
    public static IServiceCollection AddXSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(XRecentSearchSource))) return services;

        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<XSourceOptions, XSourceOptionsValidator>(configuration.GetSection(XSourceOptions.SectionName));
        services.TryAddSingleton<XPostMapper>();
        services.AddSourceHttpClient<XRecentSearchClient, XSourceOptions>(o => o.BaseUrl);
        services.AddPollingSource<XRecentSearchSource>(XRecentSearchSource.SourceName);
        services.AddSourceHttpClient<XStreamClient, XSourceOptions>(o => o.BaseUrl);
        // Only registered when turned on: a disabled stream must not mark the whole x entry disabled in /sources.
        if (configuration.GetValue<bool>("Sources:X:Stream:Enabled")) services.AddStreamingSource<XFilteredStreamSource>();
        return services;
    }
}
