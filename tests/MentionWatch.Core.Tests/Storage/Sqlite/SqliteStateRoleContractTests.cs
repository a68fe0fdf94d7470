using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>Opens one role over its own database file and closes the file with it.</summary>
internal sealed class SqliteRoleStores<TRole>(Func<SqliteDatabase, TRole> role)
    where TRole : class
{
    private readonly SqliteTestStores _stores = new();
    private readonly Dictionary<TRole, SqliteDatabase> _databases = new(ReferenceEqualityComparer.Instance);

    public TRole Create() => _stores.Create(Open);
    public TRole Reopen(TRole current) => _stores.Reopen(current, Close, Open);
    public void Dispose(TRole store) => _stores.Dispose(store, Close);

    private TRole Open(SqliteStoreOptions options)
    {
        var database = SqliteDatabase.Open(options);
        var store = role(database);
        _databases[store] = database;
        return store;
    }

    private void Close(TRole store)
    {
        if (_databases.Remove(store, out var database)) database.Dispose();
    }
}

[TestFixture]
public sealed class SqliteAuditLogContractTests : AuditLogContractTests
{
    private readonly SqliteRoleStores<IAuditLog> _stores = new(d => new SqliteAuditLog(d));
    protected override IAuditLog CreateStore() => _stores.Create();
    protected override IAuditLog Reopen(IAuditLog current) => _stores.Reopen(current);
    protected override void DisposeStore(IAuditLog store) => _stores.Dispose(store);
}

[TestFixture]
public sealed class SqliteCampaignStoreContractTests : CampaignStoreContractTests
{
    private readonly SqliteRoleStores<ICampaignStore> _stores = new(d => new SqliteSupportStore(d));
    protected override ICampaignStore CreateStore() => _stores.Create();
    protected override ICampaignStore Reopen(ICampaignStore current) => _stores.Reopen(current);
    protected override void DisposeStore(ICampaignStore store) => _stores.Dispose(store);
}

[TestFixture]
public sealed class SqliteWatchAdaptationStoreContractTests : WatchAdaptationStoreContractTests
{
    private readonly SqliteRoleStores<IWatchAdaptationStore> _stores = new(d => new SqliteWatchAdaptationStore(d));
    protected override IWatchAdaptationStore CreateStore() => _stores.Create();
    protected override IWatchAdaptationStore Reopen(IWatchAdaptationStore current) => _stores.Reopen(current);
    protected override void DisposeStore(IWatchAdaptationStore store) => _stores.Dispose(store);
}
