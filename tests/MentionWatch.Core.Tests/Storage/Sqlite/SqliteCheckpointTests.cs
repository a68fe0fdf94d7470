using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>Checkpoints run in the background after every <see cref="SqliteDatabase.CheckpointEvery"/> writes, not inside a writer's commit.</summary>
[TestFixture]
public sealed class SqliteCheckpointTests
{
    [Test]
    public async Task Writes_AfterCheckpointEveryWrites_DatabaseFileAloneHoldsThem()
    {
        using var directory = new TempDirectory();
        using var copy = new TempDirectory();
        using (var database = SqliteDatabase.Open(new SqliteStoreOptions { Path = directory.Path }))
        using (var store = new SqliteMentionStore(database))
        {
            for (var i = 0; i < SqliteDatabase.CheckpointEvery; i++)
                await store.StoreAsync([ContractData.Mention($"kettle {i}", externalId: $"cp-{i}")], [], CancellationToken.None);
            // The text index's background rounds are writes too, so the checkpoint these writes started may have begun
            // before the last mentions were committed. Empty writes until the next one starts: it begins after all of them.
            await database.Checkpoint;
            var previous = database.Checkpoint;
            for (var n = 0; n <= SqliteDatabase.CheckpointEvery && ReferenceEquals(database.Checkpoint, previous); n++)
                await database.WriteAsync(_ => 0, CancellationToken.None);
            Assert.That(database.Checkpoint, Is.Not.SameAs(previous), $"no checkpoint started within {SqliteDatabase.CheckpointEvery} writes");
            await database.Checkpoint;

            // Without its WAL, the main file shows what the checkpoint copied into it.
            File.Copy(database.DatabaseFile, Path.Combine(copy.Path, SqliteStoreOptions.FileName));
        }

        using var fromFile = new SqliteMentionStore(new SqliteStoreOptions { Path = copy.Path });
        Assert.That(await fromFile.CountAsync(CancellationToken.None), Is.EqualTo(SqliteDatabase.CheckpointEvery));
    }
}
