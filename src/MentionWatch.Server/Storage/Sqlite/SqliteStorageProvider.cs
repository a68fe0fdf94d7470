using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file under <c>Storage:Path</c> keeps every role, each backed by the same database.</summary>
internal sealed class SqliteStorageProvider : IStorageProvider
{
    public const string ProviderName = "sqlite";

    public string Name => ProviderName;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        AddStateRoles(services);
        services.AddMentionStoreRoles(sp => new SqliteMentionStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IWatchStore>(sp => new SqliteWatchStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IRetentionStore>(sp => new SqliteRetention(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IComplaintTermsQuery>(sp => new ExportComplaintTerms(sp.GetRequiredService<IMentionQueries>()));
    }

    /// <summary>The database file and the state kept beside the mentions (alerts, audit, support, campaigns, adaptations).</summary>
    private static void AddStateRoles(IServiceCollection services)
    {
        // One database shared by every role; opened (and migrated) when first resolved at start.
        services.AddSingleton(sp => SqliteDatabase.Open(new SqliteStoreOptions { Path = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path }));
        services.AddSingleton(sp => new SqliteSupportStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ISupportStore>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.AddSingleton<IAuthorStore>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.AddSingleton<ICampaignStore>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.AddSingleton<ILabelCorrectionStore>(sp => sp.GetRequiredService<SqliteSupportStore>());
        services.AddSingleton<IWatchRetagStore>(sp => new SqliteWatchRetagStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IAlertStore>(sp => new SqliteAlertStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IAuditLog>(sp => new SqliteAuditLog(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IWatchAdaptationStore>(sp => new SqliteWatchAdaptationStore(sp.GetRequiredService<SqliteDatabase>()));
    }
}
