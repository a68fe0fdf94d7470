using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>
/// Each StoreAsync call is one transaction, written when its caller holds the writer (merging batches is the
/// pipeline's store stage's job, once): a batch that fails fails only its caller, a call cancelled while it waits for
/// the writer is never written, and a batch large enough to be prepared on several threads is indexed whole.
/// </summary>
[TestFixture]
public sealed class SqliteMentionWriteTests
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
    public async Task StoreAsync_CallersQueuedBehindTheWriter_EachWrittenAloneAndOnlyTheBadOneFails()
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
        // Holding the writer makes all three batches queue behind it.
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

    [Test]
    public async Task StoreAsync_CancelledWhileWaitingForTheWriter_ThrowsAndIsNeverStored()
    {
        using var cancel = new CancellationTokenSource();
        Task<StoreBatchResult> waiting;
        using (await _database.LockWriterAsync(CancellationToken.None))
        {
            waiting = _store.StoreAsync([ContractData.Mention("never stored", externalId: "cancelled")], [new SourceCursor("push:z", "9")], cancel.Token);
            Assert.That(waiting.IsCompleted, Is.False, "the call waits for the writer");
            await cancel.CancelAsync();
            Assert.CatchAsync<OperationCanceledException>(async () => await waiting);
        }
        // A later write goes through, and the cancelled batch is not in it.
        await _store.StoreAsync([ContractData.Mention("stored", externalId: "after")], [], CancellationToken.None);

        Assert.That(await _store.CountAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await _store.GetCursorAsync("push:z", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task StoreAsync_BatchPreparedOnSeveralThreads_EveryMentionStoredAndSearchableInOrder()
    {
        // Above PreparedMention's parallel threshold (256), so its rows are built on several threads.
        var mentions = Enumerable.Range(0, 700).Select(i => ContractData.Mention($"kettle number{i} works", externalId: $"big-{i}")).ToList();

        var result = await _store.StoreAsync(mentions, [], CancellationToken.None);

        Assert.That(result.Ids, Has.Count.EqualTo(700));
        Assert.That(result.Ids, Has.All.Not.Null);
        foreach (var i in new[] { 0, 255, 256, 349, 350, 699 })
        {
            var page = await _store.SearchAsync(new MentionFilter(QueryParser.Parse($"number{i}")), 10, null, CancellationToken.None);
            Assert.That(page.Items.Select(m => m.Post.ExternalId), Is.EqualTo(new[] { $"big-{i}" }), $"number{i} finds its own mention only");
            Assert.That(page.Items[0].Id, Is.EqualTo(result.Ids[i]));
        }
    }

    [Test]
    public async Task StoreAsync_MentionsPreparedOneByOneOnOtherThreads_StoredIndexedAndDuplicatesReportedAsUnprepared()
    {
        // What the pipeline does: each mention prepared on its own, on whichever thread classifies it, then one write.
        var mentions = Enumerable.Range(0, 40).Select(i => ContractData.Mention($"kettle prepared{i} #boil", externalId: $"prep-{i}")).ToList();
        var prepared = await Task.WhenAll(mentions.Select(m => Task.Run(() => _store.Prepare(m))));
        await _store.StoreAsync([mentions[3]], [], CancellationToken.None);

        var result = await _store.StoreAsync(prepared, [new SourceCursor("prep:feed", "40")], CancellationToken.None);

        Assert.That(result.Ids.Count(id => id is null), Is.EqualTo(1), "the mention stored before is a duplicate");
        Assert.That(result.Ids[3], Is.Null);
        Assert.That(await _store.GetCursorAsync("prep:feed", CancellationToken.None), Is.EqualTo("40"));
        var page = await _store.SearchAsync(new MentionFilter(QueryParser.Parse("prepared17")), 10, null, CancellationToken.None);
        Assert.That(page.Items.Select(m => m.Id), Is.EqualTo(new[] { result.Ids[17] }));
        var tagged = await _store.SearchAsync(new MentionFilter(QueryParser.Parse("#boil")), 100, null, CancellationToken.None);
        Assert.That(tagged.Items, Has.Count.EqualTo(40));
    }

    [Test]
    public void Prepare_MentionTheStoreCannotHold_ThrowsNamingWhatIsMissing()
    {
        var noHandle = ContractData.Mention("kettle") with { Post = ContractData.Mention("kettle").Post with { Author = new Author("a", null!) } };

        var ex = Assert.Throws<ArgumentException>(() => _store.Prepare(noHandle));

        Assert.That(ex!.Message, Does.Contain("has no author handle"));
    }

    [Test]
    public async Task StoreAsync_MentionPreparedByAnotherStore_ThrowsAndWritesNothing()
    {
        var foreign = new ForeignPrepared(ContractData.Mention("kettle foreign", externalId: "foreign-1"));
        var own = _store.Prepare(ContractData.Mention("kettle own", externalId: "own-1"));

        var ex = Assert.ThrowsAsync<ArgumentException>(() => _store.StoreAsync([own, foreign], [new SourceCursor("prep:x", "1")], CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("index 1 was not prepared by this store"));
        Assert.That(await _store.CountAsync(CancellationToken.None), Is.Zero);
        Assert.That(await _store.GetCursorAsync("prep:x", CancellationToken.None), Is.Null);
    }

    private sealed record ForeignPrepared(Mention Mention) : PreparedMentionWrite(Mention);
}
