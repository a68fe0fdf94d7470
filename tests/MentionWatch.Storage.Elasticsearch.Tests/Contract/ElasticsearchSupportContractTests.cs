using MentionWatch.Storage.Contracts;

namespace MentionWatch.Storage.Elasticsearch.Tests.Contract;

/// <summary>The shared support-state contract (triage, history, corrections, campaigns, search by triage and team) against a live cluster.</summary>
[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchSupportStateContractTests : SupportStateContractTests
{
    protected override SupportStores CreateStore() => Stores(ElasticsearchContractStores.Create());

    protected override SupportStores Reopen(SupportStores current) => Stores((ElasticsearchStore)ElasticsearchContractStores.Reopen(current.Mentions));

    // Null when Create ignored the test (no cluster configured).
    protected override void DisposeStore(SupportStores store) => ElasticsearchContractStores.Dispose(store?.Mentions);

    private static SupportStores Stores(ElasticsearchStore store) => new(store, new ElasticsearchSupportStore(store), new ElasticsearchCampaignStore(store));
}

/// <summary>The shared support-roles contract (reply links, corrections, identities, re-tagging, response rows) against a live cluster.</summary>
[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchSupportRolesContractTests : SupportRolesContractTests
{
    protected override SupportRoleStores CreateStore() => Roles(ElasticsearchContractStores.Create());

    protected override SupportRoleStores Reopen(SupportRoleStores current) => Roles((ElasticsearchStore)ElasticsearchContractStores.Reopen(current.Mentions));

    protected override void DisposeStore(SupportRoleStores store) => ElasticsearchContractStores.Dispose(store?.Mentions);

    private static SupportRoleStores Roles(ElasticsearchStore store)
    {
        var support = new ElasticsearchSupportStore(store);
        return new SupportRoleStores(store, support, support, support, new ElasticsearchWatchRetagStore(store));
    }
}
