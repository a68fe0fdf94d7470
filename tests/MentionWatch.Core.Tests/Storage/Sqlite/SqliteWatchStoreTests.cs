using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

[TestFixture]
public sealed class SqliteWatchStoreTests : WatchStoreContractTests
{
    private readonly SqliteTestStores _stores = new();

    protected override IWatchStore CreateStore() => _stores.Create<IWatchStore>(o => new SqliteWatchStore(o));

    protected override IWatchStore Reopen(IWatchStore current) =>
        _stores.Reopen(current, s => ((SqliteWatchStore)s).Dispose(), o => new SqliteWatchStore(o));

    protected override void DisposeStore(IWatchStore store) => _stores.Dispose(store, s => ((SqliteWatchStore)s).Dispose());

    [Test]
    public async Task SharedDatabase_WatchAndMentionStores_WorkSideBySideAndSurviveReopen()
    {
        using var directory = new TempDirectory();
        var options = new SqliteStoreOptions { Path = directory.Path };
        using (var database = SqliteDatabase.Open(options))
        using (var watches = new SqliteWatchStore(database))
        using (var mentions = new SqliteMentionStore(database))
        {
            await watches.UpsertWatchAsync(ContractData.Watch("acme", "acme"), CancellationToken.None);
            await mentions.StoreAsync([ContractData.Mention("acme")], [], CancellationToken.None);
        }

        using var reopened = SqliteDatabase.Open(options);
        using var reopenedWatches = new SqliteWatchStore(reopened);
        using var reopenedMentions = new SqliteMentionStore(reopened);
        Assert.That(await reopenedWatches.GetWatchAsync("acme", CancellationToken.None), Is.Not.Null);
        Assert.That(await reopenedMentions.CountAsync(CancellationToken.None), Is.EqualTo(1));
    }
}
