using MentionWatch.Server.Configuration;
using MentionWatch.Server.Hosting;

namespace MentionWatch.Server.Sources.Demo;

internal static class DemoSourceServiceCollectionExtensions
{
    /// <summary>
    /// The offline demo source (<c>Sources:Demo</c>): its options are validated whether or not it is enabled, so a bad
    /// value fails the start before someone turns it on; the replay runs only when <c>Sources:Demo:Enabled</c>.
    /// </summary>
    public static IServiceCollection AddDemoSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DemoSourceOptions>(DemoSourceOptions.Section);
        if (configuration.GetValue<bool>("Sources:Demo:Enabled")) services.AddDeferredHostedService<DemoSource>();
        return services;
    }
}
