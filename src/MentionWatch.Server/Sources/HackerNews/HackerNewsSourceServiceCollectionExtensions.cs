using MentionWatch.Server.Sources.HackerNews;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class HackerNewsSourceServiceCollectionExtensions
{
    /// <summary>Adds the Hacker News source (Algolia HN Search): options from <c>Sources:HackerNews</c>, its client and its poll registration.</summary>
    public static IServiceCollection AddHackerNewsSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(HackerNewsSource))) return services;
        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<HackerNewsSourceOptions, HackerNewsSourceOptionsValidator>(configuration.GetSection(HackerNewsSourceOptions.SectionName));
        services.AddSourceHttpClient<HackerNewsClient, HackerNewsSourceOptions>(o => o.BaseUrl);
        return services.AddPollingSource<HackerNewsSource>(HackerNewsSource.SourceName);
    }
}
