using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Core.Tests.Support;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

public sealed class SqliteWatchStoreTests
{
    private TempDirectory _directory = null!;
    private SqliteDatabase _database = null!;
    private SqliteWatchStore _store = null!;

    [SetUp]
    public void Open()
    {
        _directory = new TempDirectory();
        _database = SqliteDatabase.Open(new SqliteStoreOptions { Path = _directory.Path });
        _store = new SqliteWatchStore(_database);
    }

    [TearDown]
    public void Close()
    {
        _store.Dispose();
        _database.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task UpsertWatchAsync_NewThenChanged_ReportsCreatedOnceAndKeepsLatest()
    {
        var created = await _store.UpsertWatchAsync(new Watch("acme", "acme", ["acmecorp"], ["globex"]), CancellationToken.None);
        var replaced = await _store.UpsertWatchAsync(new Watch("acme", "acme OR #acme", ["acmecorp", "acme_help"], []), CancellationToken.None);

        var stored = await _store.GetWatchAsync("acme", CancellationToken.None);

        Assert.That(created, Is.True);
        Assert.That(replaced, Is.False);
        Assert.That(stored!.Query, Is.EqualTo("acme OR #acme"));
        Assert.That(stored.OwnHandles, Is.EqualTo(new[] { "acmecorp", "acme_help" }));
        Assert.That(stored.Competitors, Is.Empty);
    }

    [Test]
    public async Task ListWatchesAsync_SeveralWatches_SortedByName()
    {
        await _store.UpsertWatchAsync(Some.Watch("globex", "globex"), CancellationToken.None);
        await _store.UpsertWatchAsync(Some.Watch("acme", "acme"), CancellationToken.None);

        var names = (await _store.ListWatchesAsync(CancellationToken.None)).Select(w => w.Name);

        Assert.That(names, Is.EqualTo(new[] { "acme", "globex" }));
    }

    [Test]
    public async Task DeleteWatchAsync_ExistingAndMissing_ReportsWhetherDeleted()
    {
        await _store.UpsertWatchAsync(Some.Watch("acme", "acme"), CancellationToken.None);

        Assert.That(await _store.DeleteWatchAsync("acme", CancellationToken.None), Is.True);
        Assert.That(await _store.DeleteWatchAsync("acme", CancellationToken.None), Is.False);
        Assert.That(await _store.GetWatchAsync("acme", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task SharedDatabase_WatchAndMentionStores_WorkSideBySideAndSurviveReopen()
    {
        using (var mentions = new SqliteMentionStore(_database))
        {
            await _store.UpsertWatchAsync(Some.Watch("acme", "acme"), CancellationToken.None);
            await mentions.StoreAsync([Some.Mention("acme")], [], CancellationToken.None);
        }
        _database.Dispose();
        _database = SqliteDatabase.Open(new SqliteStoreOptions { Path = _directory.Path });
        _store = new SqliteWatchStore(_database);

        Assert.That(await _store.GetWatchAsync("acme", CancellationToken.None), Is.Not.Null);
        Assert.That(await new SqliteMentionStore(_database).CountAsync(CancellationToken.None), Is.EqualTo(1));
    }
}
