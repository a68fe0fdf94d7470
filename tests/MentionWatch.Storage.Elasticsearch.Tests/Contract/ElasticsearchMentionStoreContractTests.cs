using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Storage.Elasticsearch.Tests.Contract;

/// <summary>The shared mention-store contract (the fixture SQLite runs) against a live cluster, when one is configured.</summary>
[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchMentionStoreContractTests : MentionStoreContractTests
{
    protected override IMentionStore CreateStore() => ElasticsearchContractStores.Create();
    protected override IMentionStore Reopen(IMentionStore current) => ElasticsearchContractStores.Reopen(current);
    protected override void DisposeStore(IMentionStore store) => ElasticsearchContractStores.Dispose(store);
}

/// <summary>The shared source-cursor contract against a live cluster.</summary>
[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchSourceCursorStoreContractTests : SourceCursorStoreContractTests
{
    protected override IMentionStore CreateStore() => ElasticsearchContractStores.Create();
    protected override IMentionStore Reopen(IMentionStore current) => ElasticsearchContractStores.Reopen(current);
    protected override void DisposeStore(IMentionStore store) => ElasticsearchContractStores.Dispose(store);
}

/// <summary>The shared watch-store contract against a live cluster.</summary>
[TestFixture]
[Category(LiveCluster.Category)]
public sealed class ElasticsearchWatchStoreContractTests : WatchStoreContractTests
{
    protected override IWatchStore CreateStore() => ElasticsearchContractStores.Create();
    protected override IWatchStore Reopen(IWatchStore current) => ElasticsearchContractStores.Reopen(current);
    protected override void DisposeStore(IWatchStore store) => ElasticsearchContractStores.Dispose(store);
}
