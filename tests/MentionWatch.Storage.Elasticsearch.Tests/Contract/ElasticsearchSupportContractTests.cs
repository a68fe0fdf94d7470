using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Storage.Elasticsearch.Tests.Contract;

/// <summary>
/// The shared support-state contract (triage, history, corrections, search by triage and team) against a live cluster.
/// Campaigns are composed as the elasticsearch provider composes them on this branch: in the local SQLite file
/// beside the cluster (a temporary one here), until the cluster keeps them too.
/// </summary>
[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchSupportStateContractTests : SupportStateContractTests
{
    private readonly Dictionary<ElasticsearchStore, (string Directory, SqliteDatabase Database)> _campaigns = new();

    protected override SupportStores CreateStore() => Open(ElasticsearchContractStores.Create(), Path.Combine(Path.GetTempPath(), "mw-es-" + Guid.NewGuid().ToString("N")));

    protected override SupportStores Reopen(SupportStores current)
    {
        var store = (ElasticsearchStore)current.Mentions;
        var (directory, database) = _campaigns[store];
        _campaigns.Remove(store);
        database.Dispose();
        return Open((ElasticsearchStore)ElasticsearchContractStores.Reopen(store), directory);
    }

    protected override void DisposeStore(SupportStores store)
    {
        // Null when Create ignored the test (no cluster configured).
        if (store?.Mentions is not ElasticsearchStore cluster) return;
        var (directory, database) = _campaigns[cluster];
        _campaigns.Remove(cluster);
        database.Dispose();
        Directory.Delete(directory, recursive: true);
        ElasticsearchContractStores.Dispose(cluster);
    }

    private SupportStores Open(ElasticsearchStore store, string directory)
    {
        Directory.CreateDirectory(directory);
        var database = SqliteDatabase.Open(new SqliteStoreOptions { Path = directory });
        _campaigns[store] = (directory, database);
        return new SupportStores(store, new ElasticsearchSupportStore(store), new SqliteSupportStore(database));
    }
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
