using MentionWatch.Server.Configuration;

namespace MentionWatch.Server.Adaptation;

internal static class AdaptationServiceCollectionExtensions
{
    /// <summary>
    /// Per-watch classifier adaptation (<c>Adaptation</c>). The service hears watch changes: the host registers it
    /// as a listener after the matcher and the re-matcher, because that order is part of the watch contract.
    /// </summary>
    public static IServiceCollection AddWatchAdaptation(this IServiceCollection services)
    {
        services.AddValidatedOptions<WatchAdaptationOptions>(WatchAdaptationOptions.Section);
        services.AddSingleton<WatchAdaptations>();
        services.AddSingleton<WatchAdaptationService>();
        return services;
    }
}
