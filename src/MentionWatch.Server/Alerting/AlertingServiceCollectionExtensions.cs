using MentionWatch.Server.Alerting;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Alerting.Outbox;
using MentionWatch.Server.Alerting.Rules;
using MentionWatch.Server.Pipeline.Sinks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class AlertingServiceCollectionExtensions
{
    /// <summary>
    /// Alerting: options and the whole <c>Alerts</c> section validated at start, rule types, notifier types, the
    /// engine (a sink after the store, started before the pipeline so it has caught up first), the outbox and the live
    /// alert feed. Expects the store roles (IAlertStore, IMentionQueries; see Storage/StorageServiceCollectionExtensions) and TimeProvider to be registered by the host.
    /// </summary>
    public static IServiceCollection AddAlerting(this IServiceCollection services)
    {
        services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertingConfigurationValidator>();
        services.AddSingleton<IValidateOptions<AlertingOptions>>(sp => sp.GetRequiredService<AlertingConfigurationValidator>());
        services.AddAlertRuleTypes();
        services.AddAlertNotifiers();
        services.AddSingleton<AlertRuleCompiler>();
        services.AddSingleton<NotifierRegistry>();
        services.AddOptions<FlatlineSourceAlertOptions>().BindConfiguration(FlatlineSourceAlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FlatlineSourceAlertOptions>, FlatlineSourceAlertOptionsValidator>();
        services.AddSingleton<FlatlineSourceRules>();
        services.AddSingleton<AlertRuleSet>();
        services.AddSingleton<AlertFeed>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<AlertEngine>();
        services.AddSingleton<IMentionSink>(sp => sp.GetRequiredService<AlertEngine>());
        services.AddSingleton<MentionWatch.Server.Support.ISupportChangeListener>(sp => sp.GetRequiredService<AlertEngine>());
        return services;
    }
}
