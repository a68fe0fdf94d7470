using MentionWatch.Server.Sources.X;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Microsoft.Extensions.DependencyInjection;

public static class XSourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the X API v2 recent search source: options from <c>Sources:X</c> (validated at start), the typed HTTP
    /// client with its resilience pipeline, and the Quartz jobs that poll every watch once a bearer token is set.
    /// Expects IMentionStore, IWatchStore, IMentionPipeline and SourceStatusRegistry to be registered by the host.
    /// </summary>
    public static IServiceCollection AddXSource(this IServiceCollection services, IConfiguration configuration)
    {
        // Idempotent: a second call would schedule the reconcile job twice under one key.
        if (services.Any(d => d.ServiceType == typeof(XResilience))) return services;

        var section = configuration.GetSection(XSourceOptions.SectionName);
        services.AddOptions<XSourceOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XSourceOptions>, XSourceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<XResilience>();
        services.TryAddSingleton<XPostMapper>();
        services.TryAddTransient<XPollRunner>();
        services.AddHttpClient<XRecentSearchClient>((sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<XSourceOptions>>().Value.BaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            // Each attempt has its own Polly timeout; HttpClient's own would cut across retries.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        // Read here only to build the trigger; the bound options above are what gets validated.
        var interval = TimeSpan.FromSeconds(Math.Max(1, section.GetValue(nameof(XSourceOptions.PollIntervalSeconds), 60)));
        services.AddQuartz(q => q.ScheduleJob<XWatchScheduleJob>(
            trigger => trigger.WithIdentity("x-watch-schedule", "x").StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(XWatchScheduleJob.Key)));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
