using MentionWatch.Server.Adaptation;
using MentionWatch.Server.Alerting;
using MentionWatch.Server.Api;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Health;
using MentionWatch.Server.Metrics;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Retention;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Demo;
using MentionWatch.Server.Storage;

namespace MentionWatch.Server.Hosting;

/// <summary>
/// The composition root: every feature's services, added once and in start order (store and models, then alerting and
/// the pipeline, then the sources that feed it). Features bind and validate their own options in their AddXxx.
/// </summary>
public static class MentionWatchServices
{
    public static WebApplicationBuilder AddMentionWatch(this WebApplicationBuilder builder)
    {
        builder.AddMentionWatchLogging();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        services.AddMentionWatchApi();
        services.AddMentionWatchAuth();
        services.AddMentionWatchHttp();

        // Every store role, from the backend Storage:Provider names (see Storage/).
        services.AddMentionStorage(builder.Configuration);
        // After the store (stopped before it), before everything that changes data: queued entries are written at stop.
        services.AddDeferredHostedService<AuditWriter>();
        services.AddSingleton<Support.TeamRouter>();
        // Deferred like the others: built at start, after options validation, so a store that cannot open fails with every problem listed.
        services.AddHostedService<DeferredHostedService<WatchRematcher>>();
        services.AddMentionWatchHealth();
        services.AddWatchAdaptation();
        services.AddMentionPipeline();
        services.AddSingleton<SourceStatusRegistry>();
        services.AddMentionWatchMetrics(builder.Configuration);

        // Start order matters: store and models, then the pipeline, then the sources that feed it (stopped in reverse).
        services.AddAlerting();
        services.AddDeferredHostedService<StartupInitializer>();
        services.AddMentionRetention();
        // Alerting catches up on what it had not evaluated before the pipeline delivers anything new.
        services.AddHostedService<DeferredHostedService<AlertEngine>>();
        services.AddHostedService<DeferredHostedService<MentionPipeline>>();
        services.AddDemoSource(builder.Configuration);
        services.AddSourceScheduling(builder.Configuration);
        services.AddXSource(builder.Configuration);
        services.AddRssSource(builder.Configuration);
        services.AddHackerNewsSource(builder.Configuration);
        services.AddRedditSource(builder.Configuration);
        services.AddBlueskySource(builder.Configuration);
        services.AddMastodonSource(builder.Configuration);
        services.AddVkSource(builder.Configuration);
        services.AddTelegramSource(builder.Configuration);

        services.AddMentionWatchSwagger();
        return builder;
    }
}
