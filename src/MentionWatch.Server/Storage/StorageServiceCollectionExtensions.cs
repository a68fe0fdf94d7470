using MentionWatch.Server.Configuration;
using MentionWatch.Server.Hosting;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The one place a backend is chosen: <c>Storage:Provider</c> (default <c>sqlite</c>) picks a provider, which registers
    /// every store role. An unknown name registers no backend and stops the start naming the key and the allowed values.
    /// </summary>
    public static IServiceCollection AddMentionStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageProviderValidator>();
        var name = configuration[StorageProviderValidator.Key];
        var provider = StorageProviders.Find(string.IsNullOrWhiteSpace(name) ? new StorageOptions().Provider : name);
        if (provider is null)
            return services.AddUnavailableStoreRoles(StorageProviderValidator.Key, StorageProviderValidator.UnknownProvider(name));
        provider.Register(services, configuration);
        return services;
    }
}
