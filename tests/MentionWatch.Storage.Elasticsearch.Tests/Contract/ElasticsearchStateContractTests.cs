using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Contract;

/// <summary>A state role over a live-cluster store of <see cref="ElasticsearchContractStores"/>.</summary>
internal static class LiveRoleStores
{
    public static RoleStores<TRole> For<TRole>(Func<ElasticsearchStore, TRole> role)
        where TRole : class =>
        new(role, ElasticsearchContractStores.Create, ElasticsearchContractStores.Reopen, ElasticsearchContractStores.Dispose);
}

/// <summary>The shared alert-state contract (the fixture SQLite runs) against a live cluster, when one is configured.</summary>
[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchAlertStateContractTests : AlertStateContractTests
{
    private readonly RoleStores<IAlertStore> _stores = LiveRoleStores.For<IAlertStore>(s => new ElasticsearchAlertStore(s));
    protected override IAlertStore CreateStore() => _stores.Create();
    protected override IAlertStore Reopen(IAlertStore current) => _stores.Reopen(current);
    protected override void DisposeStore(IAlertStore store) => _stores.Dispose(store);
}

[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchAuditLogContractTests : AuditLogContractTests
{
    private readonly RoleStores<IAuditLog> _stores = LiveRoleStores.For<IAuditLog>(s => new ElasticsearchAuditLog(s));
    protected override IAuditLog CreateStore() => _stores.Create();
    protected override IAuditLog Reopen(IAuditLog current) => _stores.Reopen(current);
    protected override void DisposeStore(IAuditLog store) => _stores.Dispose(store);
}

[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchCampaignStoreContractTests : CampaignStoreContractTests
{
    private readonly RoleStores<ICampaignStore> _stores = LiveRoleStores.For<ICampaignStore>(s => new ElasticsearchCampaignStore(s));
    protected override ICampaignStore CreateStore() => _stores.Create();
    protected override ICampaignStore Reopen(ICampaignStore current) => _stores.Reopen(current);
    protected override void DisposeStore(ICampaignStore store) => _stores.Dispose(store);
}

[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchWatchAdaptationStoreContractTests : WatchAdaptationStoreContractTests
{
    private readonly RoleStores<IWatchAdaptationStore> _stores = LiveRoleStores.For<IWatchAdaptationStore>(s => new ElasticsearchWatchAdaptationStore(s));
    protected override IWatchAdaptationStore CreateStore() => _stores.Create();
    protected override IWatchAdaptationStore Reopen(IWatchAdaptationStore current) => _stores.Reopen(current);
    protected override void DisposeStore(IWatchAdaptationStore store) => _stores.Dispose(store);
}
