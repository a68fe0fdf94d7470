using System.Text.Json.Nodes;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Server.Tests.Durability;

/// <summary>`mentionwatch backup` against a running server that keeps ingesting, then `mentionwatch restore` and a server on the copy.</summary>
[TestFixture]
public sealed class BackupDuringIngestTests
{
    private const int Senders = 3;
    private const int PostsPerBatch = 25;

    [Test]
    public async Task Backup_DuringIngest_RestoresEveryAcknowledgedPost()
    {
        var store = TempDirectory.Create("store");
        var restored = TempDirectory.Create("restored");
        var backupFile = Path.Combine(TempDirectory.Create("backup"), "mw.db");
        try
        {
            List<Batch> acknowledgedBeforeBackup;
            CliRunner.Result backup;
            using (var server = await ServerProcess.StartAsync(store, TestServer.AdminKey, ServerProcess.FreePort()))
            {
                var answered = new List<Batch>();
                using var stop = new CancellationTokenSource();
                var senders = Enumerable.Range(0, Senders).Select(s => SendAsync(server.Url, s, answered, stop.Token)).ToArray();
                // Enough data that the copy takes many backup steps while the senders keep writing.
                await Wait.ForAsync(() => Count(answered) >= 2_500, "2,500 posts acknowledged before the backup", TimeSpan.FromSeconds(60));
                lock (answered) acknowledgedBeforeBackup = [.. answered];

                backup = await CliRunner.RunAsync("backup", "--store", store, "--out", backupFile);
                var duringBackup = Count(answered) - acknowledgedBeforeBackup.Sum(b => b.Ids.Count);
                await stop.CancelAsync();
                await Task.WhenAll(senders);
                Assert.That(backup.ExitCode, Is.EqualTo(0), backup.Stderr + backup.Stdout);
                Assert.That(duringBackup, Is.GreaterThan(0), "posts were acknowledged while the backup ran");
            }
            Assert.That(backup.Stdout, Does.Contain("backup: ").And.Contain("pages (100%)").And.Contain("wrote "));

            var restore = await CliRunner.RunAsync("restore", "--from", backupFile, "--store", restored);
            Assert.That(restore.ExitCode, Is.EqualTo(0), restore.Stderr + restore.Stdout);
            Assert.That(restore.Stdout, Does.Contain("integrity ok"));

            var stored = new HashSet<string>(StringComparer.Ordinal);
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(restored, SqliteStoreOptions.FileName)};Pooling=false"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                Assert.That(command.ExecuteScalar(), Is.EqualTo("ok"));
                command.CommandText = "SELECT external_id FROM mentions WHERE source = 'backup-test'";
                using var reader = command.ExecuteReader();
                while (reader.Read()) stored.Add(reader.GetString(0));
            }
            var missing = acknowledgedBeforeBackup.SelectMany(b => b.Ids).Where(id => !stored.Contains(id)).ToList();
            Assert.That(missing, Is.Empty, $"{missing.Count} acknowledged posts missing from the backup");

            using var onCopy = await ServerProcess.StartAsync(restored, TestServer.AdminKey, ServerProcess.FreePort());
            using var client = new HttpClient { BaseAddress = onCopy.Url };
            client.DefaultRequestHeaders.Add("X-Api-Key", TestServer.AdminKey);
            foreach (var batch in new[] { acknowledgedBeforeBackup[0], acknowledgedBeforeBackup[^1] })
            {
                var page = await client.GetJsonAsync($"/api/v1/mentions?q={batch.Token}&limit=100");
                Assert.That(page["items"]!.AsArray().Select(m => m!["externalId"]!.GetValue<string>()), Is.EquivalentTo(batch.Ids), batch.Token);
            }
        }
        finally
        {
            TempDirectory.Delete(store);
            TempDirectory.Delete(restored);
            TempDirectory.Delete(Path.GetDirectoryName(backupFile)!);
        }
    }

    [Test]
    public async Task Restore_IntoNonEmptyStore_RefusesWithoutForce()
    {
        var store = TempDirectory.Create("store");
        var backupFile = Path.Combine(TempDirectory.Create("backup"), "mw.db");
        try
        {
            SqliteDatabase.Open(new SqliteStoreOptions { Path = store }).Dispose();
            Assert.That((await CliRunner.RunAsync("backup", "--store", store, "--out", backupFile)).ExitCode, Is.EqualTo(0));

            var refused = await CliRunner.RunAsync("restore", "--from", backupFile, "--store", store);
            Assert.That(refused.ExitCode, Is.EqualTo(2));
            Assert.That(refused.Stderr, Does.Contain("is not empty").And.Contain("--force"));

            var forced = await CliRunner.RunAsync("restore", "--from", backupFile, "--store", store, "--force");
            Assert.That(forced.ExitCode, Is.EqualTo(0), forced.Stderr);
        }
        finally
        {
            TempDirectory.Delete(store);
            TempDirectory.Delete(Path.GetDirectoryName(backupFile)!);
        }
    }

    private sealed record Batch(string Token, IReadOnlyList<string> Ids);

    private static int Count(List<Batch> answered)
    {
        lock (answered) return answered.Sum(b => b.Ids.Count);
    }

    /// <summary>Posts batches until stopped; a batch counts as acknowledged once its 200 has arrived.</summary>
    private static async Task SendAsync(Uri server, int sender, List<Batch> answered, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestServer.AdminKey);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var token = $"probe{sender}x{n}";
            var ids = Enumerable.Range(0, PostsPerBatch).Select(i => $"{token}-{i}").ToList();
            var posts = new JsonArray(ids.Select(id => (JsonNode)Some.Post(
                $"voltik {token} backup while ingesting, with enough words to fill some pages of the store {id}", id: id, source: "backup-test")).ToArray());
            try
            {
                await client.IngestOkAsync(posts);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            lock (answered) answered.Add(new Batch(token, ids));
        }
    }
}
