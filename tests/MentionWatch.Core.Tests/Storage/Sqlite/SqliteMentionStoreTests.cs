using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

[TestFixture]
public sealed class SqliteMentionStoreTests : MentionStoreContractTests
{
    private readonly SqliteTestStores _stores = new();

    protected override IMentionStore CreateStore() => _stores.Create<IMentionStore>(o => new SqliteMentionStore(o));

    protected override IMentionStore Reopen(IMentionStore current) =>
        _stores.Reopen(current, s => ((SqliteMentionStore)s).Dispose(), o => new SqliteMentionStore(o));

    protected override void DisposeStore(IMentionStore store) => _stores.Dispose(store, s => ((SqliteMentionStore)s).Dispose());

    private SqliteMentionStore Sqlite => (SqliteMentionStore)Store;

    private T Scalar<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Sqlite.Database.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    [Test]
    public void Open_NewDirectory_CreatesDatabaseInWalModeAtLatestSchema()
    {
        Assert.That(File.Exists(Sqlite.Database.DatabaseFile), Is.True);
        Assert.That(Path.GetFileName(Sqlite.Database.DatabaseFile), Is.EqualTo("mentionwatch.db"));
        Assert.That(Scalar<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(Sqlite.Database.SchemaVersion, Is.EqualTo(SqliteSchema.LatestVersion));
        Assert.That(Scalar<long>("SELECT v FROM mention_fts_config WHERE k = 'automerge'"), Is.EqualTo(8));
    }

    [Test]
    public async Task Reopen_Twice_MigrationsRunOnceAndKeepVersion()
    {
        await StoreAsync(ContractData.Mention("kept"));
        var version = Sqlite.Database.SchemaVersion;

        Store = Reopen(Reopen(Store));

        Assert.That(Sqlite.Database.SchemaVersion, Is.EqualTo(version));
        Assert.That(Scalar<long>("SELECT count(*) FROM schema_version"), Is.EqualTo(1));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(1));
    }

    [Test]
    public async Task StoreAsync_Repost_ResolvesOriginalMentionId()
    {
        var original = (await StoreAsync(ContractData.Mention("original", source: "x", externalId: "o-1"))).Ids[0];
        await StoreAsync(ContractData.Mention("RT original", source: "x", externalId: "r-1", repostOf: "o-1"));

        Assert.That(Scalar<long>("SELECT repost_of_id FROM mentions WHERE external_id = 'r-1'"), Is.EqualTo(original));
    }

    [Test]
    public async Task StoreAsync_RepostStoredBeforeItsOriginal_IsLinkedWhenTheOriginalArrives()
    {
        await StoreAsync(ContractData.Mention("RT original", source: "x", externalId: "r-1", repostOf: "o-1"),
            ContractData.Mention("RT other", source: "x", externalId: "r-2", repostOf: "never-stored"));
        var original = (await StoreAsync(ContractData.Mention("original", source: "x", externalId: "o-1"))).Ids[0];

        Assert.That(Scalar<long>("SELECT repost_of_id FROM mentions WHERE external_id = 'r-1'"), Is.EqualTo(original));
        Assert.That(Scalar<long>("SELECT count(*) FROM mentions WHERE external_id = 'r-2' AND repost_of_id IS NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task StoreAsync_RepostBeforeItsOriginalInOneBatch_IsLinked()
    {
        var result = await StoreAsync(ContractData.Mention("RT original", source: "x", externalId: "r-1", repostOf: "o-1"),
            ContractData.Mention("original", source: "x", externalId: "o-1"),
            ContractData.Mention("same id, other source", source: "y", externalId: "o-1"));

        Assert.That(Scalar<long>("SELECT repost_of_id FROM mentions WHERE external_id = 'r-1'"), Is.EqualTo(result.Ids[1]));
    }

    [Test]
    public async Task StoreAsync_MentionIds_FollowCreatedAtOrder()
    {
        var result = await StoreAsync(
            ContractData.Mention("late", createdAt: ContractData.T0.AddHours(1)),
            ContractData.Mention("early", createdAt: ContractData.T0),
            ContractData.Mention("early twin", createdAt: ContractData.T0));

        Assert.That(result.Ids[1]!.Value, Is.LessThan(result.Ids[2]!.Value));
        Assert.That(result.Ids[2]!.Value, Is.LessThan(result.Ids[0]!.Value));
        Assert.That(result.Ids[0]!.Value, Is.LessThan(1L << 53), "ids must stay exact as JSON numbers");
    }

    [Test]
    public async Task TrendsAsync_AnsweredFromRollups_NotFromMentions()
    {
        await StoreAsync(ContractData.Mention("a", watches: ["acme"]), ContractData.Mention("b", watches: ["acme"]));

        var rollupTotal = Scalar<long>("SELECT sum(count) FROM rollup_hour WHERE watch = 'acme' AND dim = 'sentiment'");
        var allTotal = Scalar<long>("SELECT sum(count) FROM rollup_day WHERE watch = '' AND dim = 'lang'");

        Assert.That(rollupTotal, Is.EqualTo(2));
        Assert.That(allTotal, Is.EqualTo(2));
    }
}
