using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;
using MentionWatch.Testing;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>
/// The author index behind the writes (<see cref="SqliteAuthorIndexer"/>): history is the indexed mentions plus those
/// arrived after the durable position, whichever side a mention is on; a crash re-indexes from the position; retention
/// removes index rows with their mentions; an existing store gets the index from its old one.
/// </summary>
[TestFixture]
public sealed class SqliteAuthorIndexTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly AuthorIdentity Ivan = new("x", "Ivan_X");

    private TempDirectory _directory = null!;
    private SqliteDatabase _database = null!;
    private SqliteMentionStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new TempDirectory("authors");
        Open(_directory.Path);
    }

    [TearDown]
    public void TearDown()
    {
        Close();
        _directory.Dispose();
    }

    [Test]
    public async Task MentionsByAsync_SomeIndexedSomeNot_ReturnsBothNewestFirst()
    {
        var indexed = await StoreAsync("m-1", "ivan_x", minutes: 1);
        await _store.IndexAuthorsAsync(None);
        var unindexed = await StoreAsync("m-2", "IVAN_X", minutes: 2);
        await StoreAsync("m-3", "someone_else", minutes: 3);

        var history = await new SqliteSupportStore(_database).MentionsByAsync([Ivan], 10, None);

        Assert.That(history.Select(m => m.Id), Is.EqualTo(new[] { unindexed, indexed }));
        Assert.That(Scalar("SELECT count(*) FROM author_mentions"), Is.EqualTo(1), "only what the indexer has seen");
    }

    [Test]
    public async Task MentionsByAsync_Limit_TakesTheNewestAcrossIndexedAndUnindexed()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add(await StoreAsync($"m-{i}", "ivan_x", minutes: i));
        await _store.IndexAuthorsAsync(None);
        for (var i = 3; i < 6; i++) ids.Add(await StoreAsync($"m-{i}", "ivan_x", minutes: i));

        var history = await new SqliteSupportStore(_database).MentionsByAsync([Ivan], 4, None);

        Assert.That(history.Select(m => m.Id), Is.EqualTo(ids.OrderDescending().Take(4)));
    }

    [Test]
    public async Task UnindexedByAuthor_QueryPlan_WalksTheArrivalIndexNotTheSource()
    {
        await StoreAsync("m-1", "ivan_x", minutes: 1);

        var plan = _database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"EXPLAIN QUERY PLAN SELECT m.id {SqliteSupportStore.UnindexedByAuthor}";
            command.Parameters.AddWithValue("$s", "x");
            command.Parameters.AddWithValue("$h", "ivan_x");
            using var reader = command.ExecuteReader();
            var details = new List<string>();
            while (reader.Read()) details.Add(reader.GetString(3));
            return details;
        });

        Assert.That(plan, Has.Some.Contains("ix_mentions_arrival"));
        Assert.That(plan, Has.None.Contains("ux_mentions_source_external"));
    }

    [Test]
    public async Task Writes_PastStartAt_IndexedInTheBackgroundInBoundedTransactions()
    {
        var batches = SqliteAuthorIndexer.BatchSize * 2 / 1000 + 1;
        for (var b = 0; b < batches; b++)
            await _store.StoreAsync(Enumerable.Range(0, 1000).Select(i => Mention($"b{b}-{i}", $"author_{i % 50}", minutes: b * 1000 + i)).ToList(), [], None);

        var position = await Wait.ForValueAsync(() => Scalar($"SELECT value FROM counters WHERE name = '{SqliteAuthorIndexer.PositionCounter}'"),
            p => p > SqliteAuthorIndexer.BatchSize, "the indexer to pass one batch");

        Assert.That(Scalar("SELECT count(*) FROM author_mentions"), Is.EqualTo(position), "the position counts exactly the rows indexed");
        var history = await new SqliteSupportStore(_database).MentionsByAsync([new AuthorIdentity("x", "AUTHOR_7")], 1000, None);
        Assert.That(history, Has.Count.EqualTo(batches * 1000 / 50));
    }

    [Test]
    public async Task Crash_AfterAnIndexingRound_CopyHasTheWholeHistoryAndReindexesOnlyTheRest()
    {
        var first = await StoreAsync("m-1", "ivan_x", minutes: 1);
        await _store.IndexAuthorsAsync(None);
        var second = await StoreAsync("m-2", "ivan_x", minutes: 2);
        // What kill -9 leaves: the database file and its WAL as the last commit wrote them, nothing closed.
        using var crashed = new TempDirectory("authors-crash");
        foreach (var suffix in new[] { "", "-wal" })
            File.Copy(_database.DatabaseFile + suffix, Path.Combine(crashed.Path, SqliteStoreOptions.FileName + suffix));
        Close();
        Open(crashed.Path);

        var support = new SqliteSupportStore(_database);
        Assert.That((await support.MentionsByAsync([Ivan], 10, None)).Select(m => m.Id), Is.EqualTo(new[] { second, first }));
        await _store.IndexAuthorsAsync(None);
        Assert.That(Scalar("SELECT count(*) FROM author_mentions"), Is.EqualTo(2));
        Assert.That((await support.MentionsByAsync([Ivan], 10, None)).Select(m => m.Id), Is.EqualTo(new[] { second, first }));
    }

    [Test]
    public async Task PruneMentionsAsync_IndexedMention_RemovesItsIndexRow()
    {
        await StoreAsync("old", "ivan_x", minutes: 0);
        var kept = await StoreAsync("new", "ivan_x", minutes: 120);
        await _store.IndexAuthorsAsync(None);

        var pruned = await new SqliteRetention(_database).PruneMentionsAsync(ContractData.T0.AddMinutes(60), 100, None);

        Assert.That(pruned, Is.EqualTo(1));
        Assert.That(Scalar("SELECT count(*) FROM author_mentions"), Is.EqualTo(1));
        Assert.That((await new SqliteSupportStore(_database).MentionsByAsync([Ivan], 10, None)).Select(m => m.Id), Is.EqualTo(new[] { kept }));
    }

    [Test]
    public async Task Open_StoreWithTheOldAuthorIndex_MigratesItsMentionsIntoAuthorMentions()
    {
        var ids = new[] { await StoreAsync("m-1", "ivan_x", minutes: 1), await StoreAsync("m-2", "Ivan_X", minutes: 2) };
        await StoreAsync("m-3", "someone_else", minutes: 3);
        Close();
        // The schema as the version before author_mentions left it (then came the text index's position): the index on
        // mentions, no author_mentions, no position.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteStoreOptions.FileName)};Pooling=False"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText =
                "DROP TABLE author_mentions; CREATE INDEX ix_mentions_author ON mentions(source, author_handle COLLATE NOCASE); " +
                $"DELETE FROM counters WHERE name = '{SqliteAuthorIndexer.PositionCounter}'; UPDATE schema_version SET version = {SqliteSchema.LatestVersion - 2};";
            downgrade.ExecuteNonQuery();
        }
        Open(_directory.Path);

        Assert.That(_database.SchemaVersion, Is.EqualTo(SqliteSchema.LatestVersion));
        Assert.That(Scalar("SELECT count(*) FROM author_mentions"), Is.EqualTo(3));
        Assert.That(Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'ix_mentions_author'"), Is.Zero);
        Assert.That(Scalar($"SELECT value FROM counters WHERE name = '{SqliteAuthorIndexer.PositionCounter}'"), Is.EqualTo(3));
        Assert.That((await new SqliteSupportStore(_database).MentionsByAsync([Ivan], 10, None)).Select(m => m.Id), Is.EqualTo(ids.OrderDescending()));
    }

    private void Open(string path)
    {
        _database = SqliteDatabase.Open(new SqliteStoreOptions { Path = path });
        _store = new SqliteMentionStore(_database);
    }

    private void Close()
    {
        _store.Dispose();
        _database.Dispose();
    }

    private async Task<long> StoreAsync(string externalId, string handle, int minutes) =>
        (await _store.StoreAsync([Mention(externalId, handle, minutes)], [], None)).Ids[0]!.Value;

    private static Mention Mention(string externalId, string handle, int minutes) =>
        ContractData.Mention("kettle", createdAt: ContractData.T0.AddMinutes(minutes), source: "x", handle: handle, externalId: externalId);

    private long Scalar(string sql) => _database.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });
}
