using System.Net;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Retention;
using MentionWatch.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using FakeClock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace MentionWatch.Server.Tests.Retention;

/// <summary>Storage:RetentionDays on the real server, driven by a fake clock: old mentions go, recent stay, trends keep old days.</summary>
[TestFixture]
public sealed class RetentionTests
{
    [Test]
    public async Task Retention_OldMentions_PrunedFromStoreAndIndex_RollupsKept()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:RetentionDays"] = "30",
            ["Storage:RollupRetentionDays"] = "400",
            ["Watches:0:Name"] = "voltik",
            ["Watches:0:Query"] = "voltik",
        }, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var retention = server.Services.GetRequiredService<MentionRetention>();
        await WaitForRunsAsync(retention, 1);

        var now = clock.GetUtcNow();
        var oldDay = now.AddDays(-100);
        var old = Enumerable.Range(0, 7).Select(i => Some.Post($"voltik ancientword number {i}", createdAt: oldDay.AddMinutes(i))).ToArray();
        var recent = Enumerable.Range(0, 3).Select(i => Some.Post($"voltik freshword number {i}", createdAt: now.AddDays(-2).AddMinutes(i))).ToArray();
        await server.Analyst.IngestOkAsync(Some.Array([.. old, .. recent]));
        var oldIds = (await server.Viewer.GetJsonAsync("/api/v1/mentions?q=ancientword&limit=100"))["items"]!.AsArray()
            .Select(m => m!["id"]!.GetValue<long>()).ToList();
        Assert.That(oldIds, Has.Count.EqualTo(7), "indexed before the pruning run");

        clock.Advance(MentionRetention.Interval);
        await WaitForRunsAsync(retention, 2);

        Assert.That((await server.Viewer.GetJsonAsync("/api/v1/mentions?q=ancientword"))["items"]!.AsArray(), Is.Empty);
        Assert.That((await server.Viewer.GetJsonAsync("/api/v1/mentions?q=freshword"))["items"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(await server.Viewer.CountAsync(), Is.EqualTo(3));
        using (var gone = await server.Viewer.GetAsync($"/api/v1/mentions/{oldIds[0]}"))
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var from = Uri.EscapeDataString(now.AddDays(-120).ToString("O"));
        var to = Uri.EscapeDataString(now.ToString("O"));
        var trends = await server.Viewer.GetJsonAsync($"/api/v1/trends?interval=day&from={from}&to={to}");
        var oldBucket = trends["buckets"]!.AsArray().Single(b => b!["start"]!.GetValue<DateTimeOffset>().Date == oldDay.UtcDateTime.Date);
        Assert.That(oldBucket!["total"]!.GetValue<long>(), Is.EqualTo(7), "old days still come from the rollups");

        // The contentless FTS index itself no longer holds the pruned rows (a wrong 'delete' would leave them there).
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.StorePath, SqliteStoreOptions.FileName)};Pooling=false");
        connection.Open();
        Assert.That(Scalar(connection, "SELECT count(*) FROM mention_fts WHERE mention_fts MATCH 'ancientword'"), Is.Zero);
        Assert.That(Scalar(connection, "SELECT count(*) FROM mention_fts WHERE mention_fts MATCH 'freshword'"), Is.EqualTo(3));
        Assert.That(Scalar(connection, $"SELECT count(*) FROM mention_watches WHERE mention_id IN ({string.Join(',', oldIds)})"), Is.Zero);
        Assert.That(Scalar(connection, "SELECT value FROM counters WHERE name = 'mentions'"), Is.EqualTo(3));
        using var check = connection.CreateCommand();
        check.CommandText = "INSERT INTO mention_fts(mention_fts) VALUES ('integrity-check')";
        Assert.DoesNotThrow(() => check.ExecuteNonQuery());
    }

    [Test]
    public void Start_RollupRetentionShorterThanRetention_FailsNamingBothKeys()
    {
        var error = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
            await TestServer.StartAsync(new Dictionary<string, string?>
            {
                ["Storage:RetentionDays"] = "90",
                ["Storage:RollupRetentionDays"] = "30",
            }));
        Assert.That(error!.Message, Does.Contain("Storage:RollupRetentionDays").And.Contain("Storage:RetentionDays"));
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The pruning pass runs on its own task; poll its run counter briefly rather than sleep.</summary>
    private static Task WaitForRunsAsync(MentionRetention retention, int runs) =>
        Wait.ForAsync(() => retention.Runs >= runs, $"retention run {runs} to complete", TimeSpan.FromSeconds(10));
}
