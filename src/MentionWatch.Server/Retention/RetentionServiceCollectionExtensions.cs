using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Hosting;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>Background pruning by <c>Storage:RetentionDays</c>; started after the store is open.</summary>
    public static IServiceCollection AddMentionRetention(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>, RetentionOptionsValidator>();
        services.AddSingleton(sp => new SqliteRetention(sp.GetRequiredService<SqliteDatabase>()));
        return services.AddDeferredHostedService<MentionRetention>();
    }
}
