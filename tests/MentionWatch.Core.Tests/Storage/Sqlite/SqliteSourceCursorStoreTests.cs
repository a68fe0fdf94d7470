using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

[TestFixture]
public sealed class SqliteSourceCursorStoreTests : SourceCursorStoreContractTests
{
    private readonly SqliteTestStores _stores = new();

    protected override IMentionStore CreateStore() => _stores.Create<IMentionStore>(o => new SqliteMentionStore(o));

    protected override IMentionStore Reopen(IMentionStore current) =>
        _stores.Reopen(current, s => ((SqliteMentionStore)s).Dispose(), o => new SqliteMentionStore(o));

    protected override void DisposeStore(IMentionStore store) => _stores.Dispose(store, s => ((SqliteMentionStore)s).Dispose());
}
