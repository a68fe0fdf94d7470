using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

public sealed class SqliteWatchAdaptationStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task SaveAdaptationAsync_ThenReopen_KeepsTheLatestPerWatch()
    {
        using var directory = new TempDirectory();
        using (var database = SqliteDatabase.Open(new SqliteStoreOptions { Path = directory.Path }))
        {
            var store = new SqliteWatchAdaptationStore(database);
            await store.SaveAdaptationAsync(new StoredAdaptation("acme", "rejected", At, "analyst", """{"n":1}""", null), CancellationToken.None);
            await store.SaveAdaptationAsync(new StoredAdaptation("acme", "active", At.AddMinutes(5), "admin", """{"n":2}""", [1, 2, 3]), CancellationToken.None);
            await store.SaveAdaptationAsync(new StoredAdaptation("beta", "rejected", At, "admin", "{}", null), CancellationToken.None);
        }
        using (var database = SqliteDatabase.Open(new SqliteStoreOptions { Path = directory.Path }))
        {
            var store = new SqliteWatchAdaptationStore(database);
            var all = await store.ListAdaptationsAsync(CancellationToken.None);
            Assert.That(all.Select(a => (a.Watch, a.State, a.Actor, a.Report)), Is.EqualTo(new[] { ("acme", "active", "admin", """{"n":2}"""), ("beta", "rejected", "admin", "{}") }));
            Assert.That(all[0].Delta, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(all[0].TrainedAt, Is.EqualTo(At.AddMinutes(5)));
            Assert.That(all[1].Delta, Is.Null);
            Assert.That(await store.DeleteAdaptationAsync("ACME", CancellationToken.None), Is.True, "watch names ignore case");
            Assert.That(await store.DeleteAdaptationAsync("acme", CancellationToken.None), Is.False);
            Assert.That((await store.ListAdaptationsAsync(CancellationToken.None)).Select(a => a.Watch), Is.EqualTo(new[] { "beta" }));
        }
    }
}
