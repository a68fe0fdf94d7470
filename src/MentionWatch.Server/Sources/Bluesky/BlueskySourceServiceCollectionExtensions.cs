using MentionWatch.Server.Sources.Bluesky;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class BlueskySourceServiceCollectionExtensions
{
    /// <summary>Adds Bluesky: the Jetstream stream (filtered locally) and search backfill of new watches, from <c>Sources:Bluesky</c>.</summary>
    public static IServiceCollection AddBlueskySource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(BlueskyJetstreamSource))) return services;
        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<BlueskySourceOptions, BlueskySourceOptionsValidator>(configuration.GetSection(BlueskySourceOptions.SectionName));
        services.AddSourceHttpClient<BlueskySearchClient, BlueskySourceOptions>(o => o.BaseUrl);
        services.AddSourceHttpClient<BlueskyProfileClient, BlueskySourceOptions>(o => o.ProfilesUrl);
        services.AddSingleton<BlueskyHandles>();
        services.AddPollingSource<BlueskyWatchBackfillSource>(BlueskyJetstreamSource.SourceName);
        return services.AddStreamingSource<BlueskyJetstreamSource>();
    }
}
