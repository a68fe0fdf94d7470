using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Telegram;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class TelegramSourceServiceCollectionExtensions
{
    /// <summary>Adds public Telegram channels (web preview pages): options from <c>Sources:Telegram</c>, one poll target per channel.</summary>
    public static IServiceCollection AddTelegramSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TelegramChannelSource))) return services;
        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<TelegramSourceOptions, TelegramSourceOptionsValidator>(configuration.GetSection(TelegramSourceOptions.SectionName));
        services.AddSourceHttpClient<TelegramChannelSource, TelegramSourceOptions>(o => o.BaseUrl);
        return services.AddPollingSource<TelegramChannelSource>(TelegramPreviewParser.SourceName);
    }
}
