using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

[TestFixture]
public sealed class SqliteAlertStateTests : AlertStateContractTests
{
    private readonly SqliteTestStores _stores = new();
    private readonly Dictionary<IAlertStore, SqliteDatabase> _databases = new(ReferenceEqualityComparer.Instance);

    private IAlertStore Open(SqliteStoreOptions options)
    {
        var database = SqliteDatabase.Open(options);
        var store = new SqliteAlertStore(database);
        _databases[store] = database;
        return store;
    }

    private void Close(IAlertStore store)
    {
        if (_databases.Remove(store, out var database)) database.Dispose();
    }

    protected override IAlertStore CreateStore() => _stores.Create(Open);

    protected override IAlertStore Reopen(IAlertStore current) => _stores.Reopen(current, Close, Open);

    protected override void DisposeStore(IAlertStore store) => _stores.Dispose(store, Close);
}
