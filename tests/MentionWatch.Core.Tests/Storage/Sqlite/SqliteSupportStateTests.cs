using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>The support contract over one shared database, the way the server composes it.</summary>
[TestFixture]
public sealed class SqliteSupportStateTests : SupportStateContractTests
{
    private readonly SqliteTestStores _stores = new();

    private static SupportStores Open(SqliteStoreOptions options)
    {
        var database = SqliteDatabase.Open(options);
        var support = new SqliteSupportStore(database);
        return new SupportStores(new SqliteMentionStore(database), support, support);
    }

    private static void Close(SupportStores stores)
    {
        var mentions = (SqliteMentionStore)stores.Mentions;
        var database = mentions.Database;
        // The mention store releases its writer commands before the shared database closes.
        mentions.Dispose();
        database.Dispose();
    }

    protected override SupportStores CreateStore() => _stores.Create(Open);

    protected override SupportStores Reopen(SupportStores current) => _stores.Reopen(current, Close, Open);

    protected override void DisposeStore(SupportStores store) => _stores.Dispose(store, Close);
}
