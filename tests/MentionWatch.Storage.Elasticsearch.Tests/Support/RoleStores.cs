namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>
/// One state role over an <see cref="ElasticsearchStore"/>, for the contract fixtures: remembers the store under each
/// role object so a reopen or a dispose reaches the store (and through it the cluster's indices).
/// </summary>
internal sealed class RoleStores<TRole>(Func<ElasticsearchStore, TRole> role, Func<ElasticsearchStore> create,
    Func<ElasticsearchStore, ElasticsearchStore> reopen, Action<ElasticsearchStore?> dispose)
    where TRole : class
{
    private readonly Dictionary<TRole, ElasticsearchStore> _stores = new(ReferenceEqualityComparer.Instance);

    public TRole Create() => Remember(create());

    public TRole Reopen(TRole current)
    {
        _stores.Remove(current, out var store);
        return Remember(reopen(store!));
    }

    public void Dispose(TRole? current)
    {
        // Null when the fixture's set-up was ignored (no cluster configured).
        if (current is null) return;
        _stores.Remove(current, out var store);
        dispose(store);
    }

    private TRole Remember(ElasticsearchStore store)
    {
        var value = role(store);
        _stores[value] = store;
        return value;
    }
}
