namespace MentionWatch.Server.Health;

internal static class HealthServiceCollectionExtensions
{
    /// <summary>/readyz's check: the store is open (start-up marks it) and the models are loaded.</summary>
    public static IServiceCollection AddMentionWatchHealth(this IServiceCollection services)
    {
        services.AddSingleton<StoreReadiness>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        return services;
    }
}
