using MentionWatch.Server.Hosting;
using MentionWatch.Server.Net;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Streaming;
using MentionWatch.Server.Sources.Mastodon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class MastodonSourceServiceCollectionExtensions
{
    /// <summary>Adds Mastodon: one streaming connection per <c>Sources:Mastodon:Instances:{n}</c>, filtered locally, search backfill after gaps.</summary>
    public static IServiceCollection AddMastodonSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(MastodonStreams))) return services;
        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<MastodonSourceOptions, MastodonSourceOptionsValidator>(configuration.GetSection(MastodonSourceOptions.SectionName));
        services.TryAddSingleton<HttpSourceResilience<MastodonSourceOptions>>();
        services.AddHttpClient(MastodonStreams.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedHttpHandler.Create(sp.GetRequiredService<SourceNetworkPolicy>().Guard()));
        services.AddSourceStreamFilter();
        services.TryAddSingleton<MastodonStreams>();
        services.AddSingleton(new MentionWatch.Server.Sources.SourceNameProbe(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MastodonSourceOptions>>().Value.Instances.Count > 0 ? MastodonStatuses.SourceName : null));
        services.AddHostedService<DeferredHostedService<MastodonStreams>>();
        return services;
    }
}
