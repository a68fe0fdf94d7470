using MentionWatch.Server.Alerting.Notifiers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class AlertNotifierServiceCollectionExtensions
{
    /// <summary>
    /// Adds the notifier types, the <see cref="NotifierCatalog"/> and the guarded HTTP client they share
    /// (connects refuse private addresses unless <c>Alerts:AllowPrivateTargets</c> is true; no redirects, no proxy).
    /// Expects IConfiguration to be registered, as every host does.
    /// </summary>
    public static IServiceCollection AddAlertNotifiers(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertNotifierType, WebhookNotifierType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertNotifierType, SlackNotifierType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertNotifierType, TelegramNotifierType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertNotifierType, EmailNotifierType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertNotifierType, PagerDutyNotifierType>());
        services.TryAddSingleton<NotifierCatalog>();
        services.AddHttpClient(NotifierHttp.ClientName, http =>
            {
                // Each notifier times its own attempt on the injected clock.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("MentionWatch-Alerts/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
                NotifierHttp.CreateHandler(sp.GetRequiredService<IConfiguration>().GetValue(PrivateTargetGuard.AllowKey, false)));
        return services;
    }
}
