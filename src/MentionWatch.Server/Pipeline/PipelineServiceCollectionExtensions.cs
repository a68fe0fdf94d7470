using MentionWatch.Server.Configuration;
using MentionWatch.Server.Pipeline.Noise;
using MentionWatch.Server.Pipeline.Sinks;

namespace MentionWatch.Server.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The pipeline's stages and what they need (models, the watch catalog and the watch service, noise rules, the live
    /// feed sink), with their options. Hosted services are not added here: their start order belongs to the composition root.
    /// </summary>
    public static IServiceCollection AddMentionPipeline(this IServiceCollection services)
    {
        services.AddValidatedOptions<ClassificationOptions>(ClassificationOptions.Section);
        services.AddValidatedOptions<PipelineOptions>(PipelineOptions.Section);
        services.AddValidatedOptions<WatchRematchOptions>(WatchRematchOptions.Section);

        services.AddSingleton<ModelMentionClassifier>();
        services.AddSingleton<IMentionClassifier>(sp => sp.GetRequiredService<ModelMentionClassifier>());
        services.AddSingleton<IMentionExplainer>(sp => sp.GetRequiredService<ModelMentionClassifier>());

        services.AddSingleton<WatchRematcher>();
        services.AddSingleton<WatchCatalog>();
        // Watch changes go through the service, which tells the matcher first, then the re-matcher (then the schedulers);
        // listeners are called in registration order.
        services.AddSingleton<IWatchChangeListener>(sp => sp.GetRequiredService<WatchCatalog>());
        services.AddSingleton<IWatchChangeListener>(sp => sp.GetRequiredService<WatchRematcher>());
        services.AddSingleton<IWatchChangeListener>(sp => sp.GetRequiredService<Adaptation.WatchAdaptationService>());
        services.AddSingleton<WatchService>();

        // Noise rules (stored with each watch) sit in the match stage: the catalog's match minus what they drop.
        services.AddSingleton<NoiseRules>();
        services.AddSingleton<IWatchMatching, NoiseFilteringWatchMatching>();
        services.AddSingleton<IPostNormalizer, PostNormalizer>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<IMentionSink, LiveFeedSink>();
        services.AddSingleton<PipelineCounters>();
        services.AddSingleton<MentionPipeline>();
        services.AddSingleton<IMentionPipeline>(sp => sp.GetRequiredService<MentionPipeline>());
        return services;
    }
}
