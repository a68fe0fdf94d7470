using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Vk;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class VkSourceServiceCollectionExtensions
{
    /// <summary>Adds the VK source (<c>newsfeed.search</c> per watch): options from <c>Sources:Vk</c>, its client and its poll registration.</summary>
    public static IServiceCollection AddVkSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(VkNewsfeedSource))) return services;
        services.AddSourceKitCore(configuration);
        services.AddSourceOptions<VkSourceOptions, VkSourceOptionsValidator>(configuration.GetSection(VkSourceOptions.SectionName));
        services.AddSourceHttpClient<VkApiClient, VkSourceOptions>(o => o.BaseUrl);
        return services.AddPollingSource<VkNewsfeedSource>(VkPosts.SourceName);
    }
}
