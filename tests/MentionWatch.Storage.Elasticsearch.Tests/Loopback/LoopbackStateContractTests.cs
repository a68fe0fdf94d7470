using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Loopback;

/// <summary>
/// Stores over a fresh loopback cluster per test: the same shared contract fixtures as SQLite and the live cluster,
/// run on every machine. A reopen is a new store over the same cluster, as a restarted node would be.
/// </summary>
internal static class LoopbackRoleStores
{
    public static RoleStores<TRole> For<TRole>(Func<ElasticsearchStore, TRole> role)
        where TRole : class
    {
        var stores = new LoopbackStores(options => options.WaitForRefresh = true);
        return new RoleStores<TRole>(role, stores.Create, stores.Reopen, current =>
        {
            if (current is not null) stores.Dispose(current);
        });
    }
}

[TestFixture]
[Category("Loopback")]
public sealed class LoopbackAlertStateContractTests : AlertStateContractTests
{
    private readonly RoleStores<IAlertStore> _stores = LoopbackRoleStores.For<IAlertStore>(s => new ElasticsearchAlertStore(s));
    protected override IAlertStore CreateStore() => _stores.Create();
    protected override IAlertStore Reopen(IAlertStore current) => _stores.Reopen(current);
    protected override void DisposeStore(IAlertStore store) => _stores.Dispose(store);
}

[TestFixture]
[Category("Loopback")]
public sealed class LoopbackAuditLogContractTests : AuditLogContractTests
{
    private readonly RoleStores<IAuditLog> _stores = LoopbackRoleStores.For<IAuditLog>(s => new ElasticsearchAuditLog(s));
    protected override IAuditLog CreateStore() => _stores.Create();
    protected override IAuditLog Reopen(IAuditLog current) => _stores.Reopen(current);
    protected override void DisposeStore(IAuditLog store) => _stores.Dispose(store);
}

[TestFixture]
[Category("Loopback")]
public sealed class LoopbackCampaignStoreContractTests : CampaignStoreContractTests
{
    private readonly RoleStores<ICampaignStore> _stores = LoopbackRoleStores.For<ICampaignStore>(s => new ElasticsearchCampaignStore(s));
    protected override ICampaignStore CreateStore() => _stores.Create();
    protected override ICampaignStore Reopen(ICampaignStore current) => _stores.Reopen(current);
    protected override void DisposeStore(ICampaignStore store) => _stores.Dispose(store);
}

[TestFixture]
[Category("Loopback")]
public sealed class LoopbackWatchAdaptationStoreContractTests : WatchAdaptationStoreContractTests
{
    private readonly RoleStores<IWatchAdaptationStore> _stores = LoopbackRoleStores.For<IWatchAdaptationStore>(s => new ElasticsearchWatchAdaptationStore(s));
    protected override IWatchAdaptationStore CreateStore() => _stores.Create();
    protected override IWatchAdaptationStore Reopen(IWatchAdaptationStore current) => _stores.Reopen(current);
    protected override void DisposeStore(IWatchAdaptationStore store) => _stores.Dispose(store);
}
