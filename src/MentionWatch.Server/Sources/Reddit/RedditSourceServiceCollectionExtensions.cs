using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Reddit;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class RedditSourceServiceCollectionExtensions
{
    /// <summary>Adds the Reddit source: options from <c>Sources:Reddit</c>, the token and search clients and its poll registration.</summary>
    public static IServiceCollection AddRedditSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(RedditSource))) return services;
        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<RedditSourceOptions, RedditSourceOptionsValidator>(configuration.GetSection(RedditSourceOptions.SectionName));
        services.AddSourceHttpClient<RedditTokenClient, RedditSourceOptions>(o => o.TokenUrl);
        services.AddSourceHttpClient<RedditSearchClient, RedditSourceOptions>(o => o.BaseUrl);
        return services.AddPollingSource<RedditSource>(RedditSource.SourceName);
    }
}
