using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;
using MentionWatch.Testing;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>
/// The text index behind the writes (<see cref="SqliteFtsIndexer"/>): searches find what is stored at once; the rounds
/// reach the last arrival by themselves; the mentions a crashed process stored past the durable position are read back
/// at the next open; the other writers of the index (corrections, retagging, retention) never touch a document it has
/// not got yet. The unindexed state is made by emptying the index of a closed store and setting its position back, which
/// is what a crash between a batch's commit and its indexing round leaves; nothing indexes it until something reads or
/// changes the index, because rounds start only after a write.
/// </summary>
[TestFixture]
public sealed class SqliteFtsIndexTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private TempDirectory _directory = null!;
    private SqliteDatabase _database = null!;
    private SqliteMentionStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new TempDirectory("fts");
        Open();
    }

    [TearDown]
    public void TearDown()
    {
        Close();
        _directory.Dispose();
    }

    [Test]
    public async Task SearchAsync_RightAfterEachStore_FindsTheNewMention()
    {
        for (var i = 0; i < 20; i++)
        {
            var id = await StoreAsync($"m-{i}", $"kettle number{i} boils", minutes: i);
            Assert.That(await FindAsync($"number{i}"), Is.EqualTo(new[] { id }), $"mention {i}, searched as soon as it was acknowledged");
        }
    }

    [Test]
    public async Task Writes_WithNoSearch_IndexedInTheBackgroundUpToTheLastArrival()
    {
        for (var b = 0; b < 5; b++)
            await _store.StoreAsync(Enumerable.Range(0, 500).Select(i => Mention($"b{b}-{i}", $"word{i % 7} kettle", b * 500 + i)).ToList(), [], None);

        var position = await Wait.ForValueAsync(Position, p => p == 2500, "the text index to reach the last arrival");

        Assert.That(position, Is.EqualTo(2500));
        Assert.That(Scalar("SELECT count(*) FROM mention_fts WHERE mention_fts MATCH 'word3'"), Is.EqualTo(5 * 71), "each batch's word3 posts (i % 7 == 3 of 0..499), once");
        AssertIndexIntact();
    }

    [Test]
    public async Task Reopen_AfterACrashBeforeIndexing_ReadsTheMentionsBackAndSearchFindsThem()
    {
        var ids = new[] { await StoreAsync("m-1", "first kettle", 1), await StoreAsync("m-2", "second kettle", 2) };
        ForgetIndexing();

        Assert.That(Position(), Is.Zero);
        Assert.That(await FindAsync("kettle"), Is.EqualTo(ids.OrderDescending()));
        Assert.That(Position(), Is.EqualTo(2));
        AssertIndexIntact();
        var third = await StoreAsync("m-3", "third kettle", 3);
        Assert.That(await FindAsync("kettle"), Is.EqualTo(new[] { third }.Concat(ids.OrderDescending())), "read back once, then the queue");
    }

    [Test]
    public async Task CorrectLabelsAsync_MentionNotIndexedYet_IndexHoldsTheCorrectedLabelOnly()
    {
        var id = await StoreAsync("m-1", "kettle leaks", 1);
        ForgetIndexing();

        await new SqliteSupportStore(_database).CorrectLabelsAsync(new LabelCorrectionRequest(id, "negative", NeedsReply: true, null, "anna", ContractData.T0), None);

        AssertIndexIntact();
        Assert.That(await FindAsync("kettle", sentiment: "negative"), Is.EqualTo(new[] { id }));
        Assert.That(await FindAsync("kettle", sentiment: "positive"), Is.Empty);
    }

    [Test]
    public async Task RetagAsync_MentionNotIndexedYet_IndexHoldsTheNewWatchOnly()
    {
        var id = await StoreAsync("m-1", "kettle leaks", 1);
        ForgetIndexing();

        Assert.That(await new SqliteWatchRetagStore(_database).RetagAsync("globex", [(id, true)], adjustRollups: true, None), Is.EqualTo(1));

        AssertIndexIntact();
        Assert.That(await FindAsync("kettle", watches: ["globex"]), Is.EqualTo(new[] { id }));
        Assert.That(await FindAsync("kettle", watches: ["acme", "globex"]), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task PruneMentionsAsync_MentionsNotIndexedYet_RemovesThemAndKeepsTheIndexIntact()
    {
        await StoreAsync("old", "ancient kettle", 0);
        var kept = await StoreAsync("new", "fresh kettle", 120);
        ForgetIndexing();

        Assert.That(await new SqliteRetention(_database).PruneMentionsAsync(ContractData.T0.AddMinutes(60), 100, None), Is.EqualTo(1));

        AssertIndexIntact();
        Assert.That(Scalar("SELECT count(*) FROM mention_fts WHERE mention_fts MATCH 'ancient'"), Is.Zero);
        Assert.That(await FindAsync("kettle"), Is.EqualTo(new[] { kept }));
    }

    [Test]
    public async Task StoreAsync_AfterRetentionDeletedEveryMention_NewMentionIsStillIndexed()
    {
        await StoreAsync("old", "ancient kettle", 0);
        await new SqliteRetention(_database).PruneMentionsAsync(ContractData.T0.AddDays(1), 100, None);
        Close();
        Open();

        var id = await StoreAsync("new", "fresh kettle", 2000);

        // The arrival numbers go on from the index's position, not from 1: a number behind it would never be indexed.
        Assert.That(Scalar("SELECT arrival FROM mentions"), Is.EqualTo(2));
        await _database.Fts.CatchUpAsync(None);
        Assert.That(Scalar("SELECT count(*) FROM mention_fts WHERE mention_fts MATCH 'fresh'"), Is.EqualTo(1));
        Assert.That(await FindAsync("kettle"), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task Open_StoreIndexedInsideItsWrites_PositionStartsAtTheLastArrival()
    {
        var ids = new[] { await StoreAsync("m-1", "first kettle", 1), await StoreAsync("m-2", "second kettle", 2) };
        Close();
        // The schema as the previous version left it: every mention indexed in its own transaction, no position.
        Execute($"DELETE FROM counters WHERE name = '{SqliteFtsIndexer.PositionCounter}'; UPDATE schema_version SET version = version - 1;");
        Open();

        Assert.That(Position(), Is.EqualTo(2));
        Assert.That(_database.Fts.IsBehind, Is.False, "nothing to read back, nothing indexed twice");
        Assert.That(await FindAsync("kettle"), Is.EqualTo(ids.OrderDescending()));
        AssertIndexIntact();
    }

    /// <summary>Closes the store, empties its text index and sets the position back to zero, as a crash right after the commits would.</summary>
    private void ForgetIndexing()
    {
        Close();
        Execute($"INSERT INTO mention_fts(mention_fts) VALUES ('delete-all'); UPDATE counters SET value = 0 WHERE name = '{SqliteFtsIndexer.PositionCounter}';");
        Open();
    }

    private void Open()
    {
        _database = SqliteDatabase.Open(new SqliteStoreOptions { Path = _directory.Path });
        _store = new SqliteMentionStore(_database);
    }

    private void Close()
    {
        _store.Dispose();
        _database.Dispose();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteStoreOptions.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<long> StoreAsync(string externalId, string text, int minutes) =>
        (await _store.StoreAsync([Mention(externalId, text, minutes)], [], None)).Ids[0]!.Value;

    private static Mention Mention(string externalId, string text, int minutes) =>
        ContractData.Mention(text, createdAt: ContractData.T0.AddMinutes(minutes), externalId: externalId);

    private async Task<IEnumerable<long>> FindAsync(string query, string? sentiment = null, IReadOnlyList<string>? watches = null)
    {
        var page = await _store.SearchAsync(new MentionFilter(QueryParser.Parse(query), Sentiment: sentiment, Watches: watches), 100, null, None);
        return page.Items.Select(m => m.Id);
    }

    private long Position() => Scalar($"SELECT coalesce((SELECT value FROM counters WHERE name = '{SqliteFtsIndexer.PositionCounter}'), 0)");

    private void AssertIndexIntact()
    {
        // On a connection of its own: the store's readers are query_only, and the check is an INSERT.
        using var connection = new SqliteConnection($"Data Source={_database.DatabaseFile};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "INSERT INTO mention_fts(mention_fts) VALUES ('integrity-check')";
        Assert.DoesNotThrow(() => check.ExecuteNonQuery(), "FTS5 integrity-check");
    }

    private long Scalar(string sql) => _database.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });
}
