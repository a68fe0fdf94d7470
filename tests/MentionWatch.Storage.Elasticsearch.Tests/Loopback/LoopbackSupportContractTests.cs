using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Loopback;

/// <summary>
/// Stores over a loopback cluster of their own, for running the shared contract fixtures without a real one. The
/// loopback cluster is real time (no refresh delay) and evaluates only the queries in <see cref="FakeSearch"/>, so
/// this proves the store's requests and their order, not Elasticsearch's behaviour.
/// </summary>
internal sealed class LoopbackStores(Action<ElasticsearchStoreOptions>? configure = null)
{
    private readonly Dictionary<ElasticsearchStore, FakeElasticsearchServer> _servers = new(ReferenceEqualityComparer.Instance);

    public ElasticsearchStore Create() => Open(FakeElasticsearchServer.StartAsync().GetAwaiter().GetResult());

    public ElasticsearchStore Reopen(ElasticsearchStore current)
    {
        var server = _servers[current];
        _servers.Remove(current);
        current.Dispose();
        return Open(server);
    }

    public void Dispose(ElasticsearchStore store)
    {
        store.Dispose();
        if (_servers.Remove(store, out var server)) server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private ElasticsearchStore Open(FakeElasticsearchServer server)
    {
        var options = new ElasticsearchStoreOptions { Urls = [server.Url], RetryBaseDelayMilliseconds = 1 };
        configure?.Invoke(options);
        var store = ElasticsearchStore.CreateAsync(options, TimeProvider.System, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
        _servers[store] = server;
        return store;
    }
}

/// <summary>The shared support-roles contract on the loopback cluster: the same assertions SQLite and a live cluster run.</summary>
[TestFixture]
[Category("Loopback")]
public sealed class LoopbackSupportRolesContractTests : SupportRolesContractTests
{
    private readonly LoopbackStores _stores = new();

    protected override SupportRoleStores CreateStore() => Roles(_stores.Create());
    protected override SupportRoleStores Reopen(SupportRoleStores current) => Roles(_stores.Reopen((ElasticsearchStore)current.Mentions));
    protected override void DisposeStore(SupportRoleStores store) => _stores.Dispose((ElasticsearchStore)store.Mentions);

    private static SupportRoleStores Roles(ElasticsearchStore store)
    {
        var support = new ElasticsearchSupportStore(store);
        return new SupportRoleStores(store, support, support, support, new ElasticsearchWatchRetagStore(store));
    }
}

/// <summary>The shared support-state contract on the loopback cluster, campaigns in the cluster as the provider composes them.</summary>
[TestFixture]
[Category("Loopback")]
public sealed class LoopbackSupportStateContractTests : SupportStateContractTests
{
    private readonly LoopbackStores _stores = new();

    protected override SupportStores CreateStore() => Stores(_stores.Create());

    protected override SupportStores Reopen(SupportStores current) => Stores(_stores.Reopen((ElasticsearchStore)current.Mentions));

    protected override void DisposeStore(SupportStores store) => _stores.Dispose((ElasticsearchStore)store.Mentions);

    private static SupportStores Stores(ElasticsearchStore store) => new(store, new ElasticsearchSupportStore(store), new ElasticsearchCampaignStore(store));
}
