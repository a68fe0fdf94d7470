using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>
/// Batches that queue while the writer is busy are committed together; when that shared transaction fails,
/// each batch is retried alone, so only the batch at fault fails its caller.
/// </summary>
[TestFixture]
public sealed class SqliteGroupCommitTests
{
    private TempDirectory _directory = null!;
    private SqliteDatabase _database = null!;
    private SqliteMentionStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new TempDirectory();
        _database = SqliteDatabase.Open(new SqliteStoreOptions { Path = _directory.Path });
        _store = new SqliteMentionStore(_database);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _database.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task StoreAsync_SharedCommitFails_RetriesEachBatchAloneAndFailsOnlyTheBadOne()
    {
        // A write-time failure that no input validation can see coming, for one post only.
        using (var connection = new SqliteConnection($"Data Source={_database.DatabaseFile}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse_bad BEFORE INSERT ON mentions WHEN NEW.external_id = 'bad' " +
                "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END;";
            command.ExecuteNonQuery();
        }

        Task<StoreBatchResult> first, bad, last;
        // Holding the writer makes all three batches queue, so the next writer drains them into one transaction.
        using (await _database.LockWriterAsync(CancellationToken.None))
        {
            first = _store.StoreAsync([ContractData.Mention("first batch", externalId: "good-1")], [new SourceCursor("push:a", "1")], CancellationToken.None);
            bad = _store.StoreAsync([ContractData.Mention("bad batch", externalId: "bad"), ContractData.Mention("same batch", externalId: "good-x")],
                [new SourceCursor("push:b", "1")], CancellationToken.None);
            last = _store.StoreAsync([ContractData.Mention("last batch", externalId: "good-2")], [new SourceCursor("push:c", "1")], CancellationToken.None);
            Assert.That(new[] { first, bad, last }.Any(t => t.IsCompleted), Is.False, "all three wait for the writer");
        }

        Assert.That((await first).Ids.Single(), Is.Not.Null);
        Assert.That((await last).Ids.Single(), Is.Not.Null);
        var error = Assert.ThrowsAsync<SqliteException>(async () => await bad)!;
        Assert.That(error.Message, Does.Contain("refused by the test trigger"));

        // The failed batch is all or nothing: its good post and its cursor are not stored either.
        Assert.That(await _store.CountAsync(CancellationToken.None), Is.EqualTo(2));
        Assert.That(await _store.GetCursorAsync("push:a", CancellationToken.None), Is.EqualTo("1"));
        Assert.That(await _store.GetCursorAsync("push:b", CancellationToken.None), Is.Null);
        Assert.That(await _store.GetCursorAsync("push:c", CancellationToken.None), Is.EqualTo("1"));
    }
}
