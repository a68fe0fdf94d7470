using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Microsoft.Extensions.DependencyInjection;

public static class SourceKitServiceCollectionExtensions
{
    /// <summary>
    /// The host's part of the source kit, called once: the one Quartz scheduler (in-memory, hosted) and the job that
    /// puts every registered polling source's reconcile job into it. Sources are added with their own AddXxxSource.
    /// </summary>
    public static IServiceCollection AddSourceScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSourceKitCore(configuration);
        if (services.Any(d => d.ImplementationType == typeof(PollingScheduleStarter))) return services;
        services.AddQuartz(_ => { });
        services.AddHostedService<PollingScheduleStarter>();
        services.AddSingleton<MentionWatch.Server.Pipeline.IWatchChangeListener, PollScheduleNudge>();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>What every source needs and the host provides once: network policy, poll runner, clock, status registry.</summary>
    internal static IServiceCollection AddSourceKitCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new SourceNetworkPolicy(configuration.GetValue(SourceNetworkPolicy.Key, false)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SourceStatusRegistry>();
        services.TryAddSingleton<PollingSources>();
        services.TryAddTransient<PollRunner>();
        services.TryAddSingleton<EnabledSources>();
        return services;
    }

    /// <summary>The local watch filter of firehose-like streams (the pipeline's watch catalog, without noise rules).</summary>
    internal static IServiceCollection AddSourceStreamFilter(this IServiceCollection services)
    {
        services.TryAddSingleton<LocalWatchFilter>();
        return services;
    }

    /// <summary>Registers a polling source: it is resolved at start and scheduled by the host's scheduler at its own interval.</summary>
    internal static IServiceCollection AddPollingSource<TSource>(this IServiceCollection services, string name)
        where TSource : class, IPollingSource
    {
        services.TryAddSingleton<TSource>();
        services.AddSingleton(new PollingSourceRegistration(name, typeof(TSource)));
        return services;
    }

    /// <summary>
    /// Options of one source bound from <paramref name="section"/>, with DataAnnotations and <typeparamref name="TValidator"/>
    /// checked at start so every problem is listed at once.
    /// </summary>
    internal static IServiceCollection AddSourceOptions<TOptions, TValidator>(this IServiceCollection services, IConfigurationSection section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }

    /// <summary>
    /// A typed HttpClient for a source: its base address, no HttpClient timeout (each attempt has its own Polly
    /// timeout), its resilience pipeline, and a primary handler that refuses private targets unless allowed.
    /// </summary>
    internal static IHttpClientBuilder AddSourceHttpClient<TClient, TOptions>(
        this IServiceCollection services, Func<TOptions, string> baseUrl, bool followRedirects = false)
        where TClient : class
        where TOptions : HttpSourceOptions
    {
        services.TryAddSingleton<HttpSourceResilience<TOptions>>();
        return services
            .AddHttpClient<TClient>((sp, http) =>
            {
                var url = baseUrl(sp.GetRequiredService<IOptions<TOptions>>().Value);
                http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedHttpHandler.Create(sp.GetRequiredService<SourceNetworkPolicy>().Guard(), followRedirects));
    }

    /// <summary>
    /// Registers a streaming source and its <see cref="StreamingSourceHost{TSource}"/>, started by the host
    /// (after options validation, in registration order) and stopped with it.
    /// </summary>
    internal static IServiceCollection AddStreamingSource<TSource>(this IServiceCollection services)
        where TSource : class, IStreamingSource
    {
        services.AddSourceStreamFilter();
        services.TryAddSingleton<TSource>();
        services.AddSingleton(new StreamingSourceRegistration(typeof(TSource)));
        services.TryAddSingleton<StreamingSourceHost<TSource>>();
        services.AddHostedService<DeferredHostedService<StreamingSourceHost<TSource>>>();
        return services;
    }
}
