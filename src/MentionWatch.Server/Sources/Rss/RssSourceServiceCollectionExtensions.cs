using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Rss;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class RssSourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the RSS/Atom source: options from <c>Sources:Rss</c> (validated at start), the feed client (redirects
    /// followed, each through the private-target guard) and its registration with the host's poll scheduler.
    /// </summary>
    public static IServiceCollection AddRssSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(RssFeedSource))) return services;
        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<RssSourceOptions, RssSourceOptionsValidator>(configuration.GetSection(RssSourceOptions.SectionName));
        // Feeds are absolute URLs, so the client has no base address of its own.
        services.AddSourceHttpClient<RssFeedClient, RssSourceOptions>(_ => "http://localhost/", followRedirects: true);
        return services.AddPollingSource<RssFeedSource>(RssFeedParser.SourceName);
    }
}
