using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Auth;
using MentionWatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Server.Tests.Auth;

/// <summary>The queue between a request's end and the audit log: nothing queued is lost, and readers see it in order.</summary>
[TestFixture]
public sealed class AuditWriterTests
{
    private static AuditEntry Entry(int i) =>
        new(0, DateTimeOffset.UnixEpoch.AddSeconds(i), "analyst", "POST", "/api/v1/ingest", $"batch {i}", "127.0.0.1", 200);

    private static async Task<(SqliteAuditLog Log, AuditWriter Writer)> StartAsync(SqliteDatabase database)
    {
        var log = new SqliteAuditLog(database);
        var writer = new AuditWriter(log, NullLogger<AuditWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return (log, writer);
    }

    [Test]
    public async Task Flush_ListsEveryEntryQueuedBefore_InOrder()
    {
        using var dir = new TempDirectory("audit");
        using var database = SqliteDatabase.Open(new SqliteStoreOptions { Path = dir.Path });
        var (log, writer) = await StartAsync(database);

        for (var i = 0; i < 200; i++) await writer.EnqueueAsync(Entry(i));
        await writer.FlushAsync(CancellationToken.None);
        var read = await log.ReadAsync(null, null, 1_000, null, CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);

        Assert.That(read.Select(e => e.Target), Is.EqualTo(Enumerable.Range(0, 200).Reverse().Select(i => $"batch {i}")),
            "every entry queued before the flush, newest first");
    }

    [Test]
    public async Task Stop_WritesWhatIsQueued_AndLaterEntriesDirectly()
    {
        using var dir = new TempDirectory("audit");
        using var database = SqliteDatabase.Open(new SqliteStoreOptions { Path = dir.Path });
        var (log, writer) = await StartAsync(database);

        for (var i = 0; i < 500; i++) await writer.EnqueueAsync(Entry(i));
        await writer.StopAsync(CancellationToken.None);
        await writer.EnqueueAsync(Entry(500));
        await writer.FlushAsync(CancellationToken.None);

        var read = await log.ReadAsync(null, null, 1_000, null, CancellationToken.None);
        Assert.That(read, Has.Count.EqualTo(501), "the 500 queued before stopping and the one after");
        Assert.That(read[0].Target, Is.EqualTo("batch 500"));
    }
}
