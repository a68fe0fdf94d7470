using MentionWatch.Server.Hosting;
using MentionWatch.Server.Storage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>Background pruning by <c>Storage:RetentionDays</c>; started after the store is open; the store's <see cref="MentionWatch.Core.Storage.IRetentionStore"/> does the pruning.</summary>
    public static IServiceCollection AddMentionRetention(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>, RetentionOptionsValidator>();
        return services.AddDeferredHostedService<MentionRetention>();
    }
}
