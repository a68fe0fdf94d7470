using MentionWatch.Core.Storage;
using MentionWatch.Storage.Elasticsearch;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Storage.Elasticsearch;

/// <summary>
/// <c>Storage:Provider=elasticsearch</c>: mentions, watches and source cursors live in the cluster
/// (MentionWatch.Storage.Elasticsearch), so analysts see the same mentions in Kibana. The connection settings are
/// validated here, beside the choice, so a bad URL stops the start naming its key; an unreachable cluster or a server
/// that is not Elasticsearch stops it with the reason. Everything else is in the cluster too: the alert engine's state
/// and outbox, the audit log, campaigns, watch adaptations, and the support state (triage, brand-reply links, label
/// corrections, identity links, re-matching, complaint terms with <c>significant_text</c>); see docs/elasticsearch.md.
/// /readyz checks the cluster (<see cref="ElasticsearchHealthCheck"/>). Retention is the cluster's ILM policy.
/// </summary>
internal sealed class ElasticsearchStorageProvider : IStorageProvider
{
    public const string ProviderName = "elasticsearch";

    public string Name => ProviderName;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ElasticsearchConnectionOptions>().BindConfiguration(ElasticsearchConnectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElasticsearchConnectionOptions>, ElasticsearchConnectionOptionsValidator>();
        // The store's own options (bulk sizes, index prefix, refresh) bind the same section; Storage:RetentionDays is the ILM retention.
        services.AddOptions<ElasticsearchStoreOptions>().BindConfiguration(ElasticsearchStoreOptions.Section)
            .PostConfigure<IOptions<StorageOptions>>((es, storage) => es.RetentionDays = es.RetentionDays == 0 ? storage.Value.RetentionDays : es.RetentionDays);
        // AddMentionStoreRoles registers the store itself with this factory, and every mention role as that one instance.
        services.AddMentionStoreRoles(sp => Connect(sp.GetRequiredService<IOptions<ElasticsearchStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("MentionWatch.Storage.Elasticsearch")));
        services.AddSingleton<IWatchStore>(sp => sp.GetRequiredService<ElasticsearchStore>());
        services.AddSingleton<IRetentionStore, IlmRetention>();

        // Every other role is in the cluster as well, so a node keeps nothing of its own and can be replaced by another.
        // Alert state and outbox, audit log, campaigns and adaptations:
        services.AddSingleton<IAlertStore>(sp => new ElasticsearchAlertStore(sp.GetRequiredService<ElasticsearchStore>()));
        services.AddSingleton<IAuditLog>(sp => new ElasticsearchAuditLog(sp.GetRequiredService<ElasticsearchStore>()));
        services.AddSingleton<ICampaignStore>(sp => new ElasticsearchCampaignStore(sp.GetRequiredService<ElasticsearchStore>()));
        services.AddSingleton<IWatchAdaptationStore>(sp => new ElasticsearchWatchAdaptationStore(sp.GetRequiredService<ElasticsearchStore>()));
        services.AddHealthChecks().AddCheck<ElasticsearchHealthCheck>(ElasticsearchHealthCheck.Name, tags: ["ready"]);

        // Support state:
        services.AddSingleton(sp => new ElasticsearchSupportStore(sp.GetRequiredService<ElasticsearchStore>()));
        services.AddSingleton<ISupportStore>(sp => sp.GetRequiredService<ElasticsearchSupportStore>());
        services.AddSingleton<IAuthorStore>(sp => sp.GetRequiredService<ElasticsearchSupportStore>());
        services.AddSingleton<ILabelCorrectionStore>(sp => sp.GetRequiredService<ElasticsearchSupportStore>());
        services.AddSingleton<IWatchRetagStore>(sp => new ElasticsearchWatchRetagStore(sp.GetRequiredService<ElasticsearchStore>()));
        services.AddSingleton<IComplaintTermsQuery>(sp => new ElasticsearchComplaintTerms(sp.GetRequiredService<ElasticsearchStore>()));
    }

    /// <summary>Connects off the resolving thread, bounded: a start never waits longer than twice the request timeout.</summary>
    private static ElasticsearchStore Connect(ElasticsearchStoreOptions options, TimeProvider time, ILogger logger)
    {
        var limit = TimeSpan.FromSeconds(options.RequestTimeoutSeconds * 2);
        using var cancel = new CancellationTokenSource(limit);
        var connecting = Task.Run(() => ElasticsearchStore.CreateAsync(options, time, logger, cancel.Token), cancel.Token);
        if (!connecting.Wait(limit))
            throw new TimeoutException($"Storage:Elasticsearch:Urls: no answer from the cluster within {limit.TotalSeconds:0} s; check the URL and that Elasticsearch is running.");
        return connecting.GetAwaiter().GetResult();
    }

    /// <summary>The cluster's ILM policy deletes old mentions (rollover, then delete after the retention); nothing to prune here.</summary>
    private sealed class IlmRetention : IRetentionStore
    {
        public Task<int> PruneMentionsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);
        public Task<int> PruneRollupsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
