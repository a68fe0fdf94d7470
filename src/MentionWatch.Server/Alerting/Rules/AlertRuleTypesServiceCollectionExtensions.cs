using MentionWatch.Server.Alerting.Rules;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class AlertRuleTypesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in rule types (<c>mention</c>, <c>spike</c>, <c>flatline</c>, <c>sla</c>) and the <see cref="AlertRuleTypes"/>
    /// registry over every registered <see cref="IAlertRuleType"/>, so another type can be added with one more
    /// <c>IAlertRuleType</c> singleton. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddAlertRuleTypes(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertRuleType, MentionAlertRuleType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertRuleType, SpikeAlertRuleType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertRuleType, FlatlineAlertRuleType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertRuleType, SlaAlertRuleType>());
        services.TryAddSingleton<AlertRuleTypes>();
        return services;
    }
}
