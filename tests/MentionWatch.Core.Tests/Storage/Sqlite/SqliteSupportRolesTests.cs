using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>The support-roles contract over one shared database, the way the server composes it.</summary>
[TestFixture]
public sealed class SqliteSupportRolesTests : SupportRolesContractTests
{
    private readonly SqliteTestStores _stores = new();

    private static SupportRoleStores Open(SqliteStoreOptions options)
    {
        var database = SqliteDatabase.Open(options);
        var support = new SqliteSupportStore(database);
        return new SupportRoleStores(new SqliteMentionStore(database), support, support, support, new SqliteWatchRetagStore(database));
    }

    private static void Close(SupportRoleStores stores)
    {
        var mentions = (SqliteMentionStore)stores.Mentions;
        var database = mentions.Database;
        mentions.Dispose();
        database.Dispose();
    }

    protected override SupportRoleStores CreateStore() => _stores.Create(Open);

    protected override SupportRoleStores Reopen(SupportRoleStores current) => _stores.Reopen(current, Close, Open);

    protected override void DisposeStore(SupportRoleStores store) => _stores.Dispose(store, Close);
}
