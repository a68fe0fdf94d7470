using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Pipeline.Noise;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Server.Tests.Pipeline.Noise;

/// <summary>Per-watch noise rules (<c>Watches:{n}:Noise</c>) in the real pipeline and store.</summary>
[TestFixture]
public sealed class NoiseControlTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
        ["Watches:0:Noise:KeepReposts"] = "false",
        ["Watches:0:Noise:DuplicateWindowMinutes"] = "60",
        ["Watches:0:Noise:BlockedAuthors:0"] = "@spammer",
        ["Watches:0:Noise:BlockedDomains:0"] = "coupons.example",
        ["Watches:0:Noise:MaxSpamScore"] = "0.5",
        ["Watches:1:Name"] = "plain",
        ["Watches:1:Query"] = "acme",
    };

    private static Post Post(string id, string text, string author = "someone", string? repostOf = null, int minutes = 0) =>
        new("forum", id, text, T0.AddMinutes(minutes), new Author(author, author), RepostOf: repostOf);

    [Test]
    public async Task Submit_NoisyPosts_AreDroppedFromTheWatchWithTheirReasonCountedInSources()
    {
        await using var server = await TestServer.StartAsync(Settings());
        var pipeline = server.Services.GetRequiredService<IMentionPipeline>();

        await pipeline.SubmitAsync([
            Post("1", "Acme support fixed my scooter in a day!"),
            Post("2", "acme support FIXED my scooter in a day https://t.co/x", minutes: 5),
            Post("3", "acme is great", author: "Spammer"),
            Post("4", "acme deals at https://www.coupons.example/acme"),
            Post("5", "FREE FOLLOWERS fast #acme #a #b #c #d #e #f"),
            Post("6", "acme boosted", repostOf: "1"),
            Post("7", "a different acme story"),
        ], [], CancellationToken.None);

        var mentions = (await server.Store().SearchAsync(new MentionFilter(Source: "forum"), 20, null, CancellationToken.None)).Items.ToDictionary(m => m.Post.ExternalId);
        Assert.That(mentions.Where(m => m.Value.Watches.Contains("acme")).Select(m => m.Key), Is.EquivalentTo(new[] { "1", "7" }));
        Assert.That(mentions.Values.Select(m => m.Watches), Has.All.Contains("plain"), "other watches keep them; the posts are stored");
        var status = server.Status("forum")!;
        Assert.That(status.Dropped, Is.EquivalentTo(new Dictionary<string, long>
        {
            ["near-duplicate"] = 1, ["blocked-author"] = 1, ["blocked-domain"] = 1, ["spam"] = 1, ["repost"] = 1,
        }));
        Assert.That(status.Watches.Single(w => w.Name == "acme").Dropped!.Values.Sum(), Is.EqualTo(5));
        Assert.That(server.Services.GetRequiredService<NoiseRules>().CopiesOf("acme", "Acme support fixed my scooter in a day!"), Is.EqualTo(1), "counted on the first");
    }

    [Test]
    public async Task Submit_RepostBeforeItsOriginal_IsLinkedWhenTheOriginalArrives()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Watches:0:Name"] = "acme", ["Watches:0:Query"] = "acme" });
        var pipeline = server.Services.GetRequiredService<IMentionPipeline>();

        await pipeline.SubmitAsync([Post("r", "acme boosted", repostOf: "o")], [], CancellationToken.None);
        await pipeline.SubmitAsync([Post("o", "acme original")], [], CancellationToken.None);
        await pipeline.SubmitAsync([Post("r2", "acme boosted again", repostOf: "o")], [], CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={new SqliteStoreOptions { Path = server.StorePath }.DatabaseFile};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT external_id, repost_of_id = (SELECT id FROM mentions WHERE external_id = 'o') FROM mentions WHERE repost_of = 'o' ORDER BY external_id";
        using var reader = command.ExecuteReader();
        var links = new List<(string, bool)>();
        while (reader.Read()) links.Add((reader.GetString(0), !reader.IsDBNull(1) && reader.GetInt64(1) == 1));
        Assert.That(links, Is.EqualTo(new[] { ("r", true), ("r2", true) }));
    }

    [Test]
    public void Start_NoiseOutOfRange_FailsWithTheKey()
    {
        var settings = Settings();
        settings["Watches:0:Noise:MaxSpamScore"] = "3";
        settings["Watches:0:Noise:BlockedDomains:1"] = "not a domain";
        Assert.ThrowsAsync(Is.InstanceOf<Exception>().And.Message.Contains("Watches:0 (acme)").And.Message.Contains("noise.maxSpamScore 3")
            .And.Message.Contains("'not a domain'"), async () => await TestServer.StartAsync(settings));
    }

    [Test]
    public async Task ApiWatch_WithNoiseRules_DropsWhatTheySayAndKeepsThemAcrossARestart()
    {
        var storePath = TempDirectory.Create("noise");
        try
        {
            await using (var server = await TestServer.StartAsync(new Dictionary<string, string?>(), storePath))
            {
                using var created = await server.Admin.PostJsonAsync("/api/v1/watches",
                    """{"name":"kettle","query":"kettle","noise":{"keepReposts":false,"blockedAuthors":["@Bot1"],"blockedDomains":["Deals.Example"]}}""");
                Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
                var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["noise"]!;
                Assert.That(body["blockedAuthors"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "Bot1" }));
                Assert.That(body["blockedDomains"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "deals.example" }));
            }

            // A new process reads the rules from the store, not from configuration.
            await using (var server = await TestServer.StartAsync(new Dictionary<string, string?>(), storePath))
            {
                var pipeline = server.Services.GetRequiredService<IMentionPipeline>();
                await pipeline.SubmitAsync([
                    Post("k1", "my kettle broke"),
                    Post("k2", "kettle sale", author: "bot1"),
                    Post("k3", "kettle at https://shop.deals.example/k"),
                    Post("k4", "kettle boost", repostOf: "k1"),
                ], [], CancellationToken.None);
                var kept = (await server.Store().SearchAsync(new MentionFilter(Watch: "kettle"), 20, null, CancellationToken.None)).Items.Select(m => m.Post.ExternalId);
                Assert.That(kept, Is.EquivalentTo(new[] { "k1" }));
                Assert.That(server.Status("forum")!.Dropped, Is.EquivalentTo(new Dictionary<string, long> { ["blocked-author"] = 1, ["blocked-domain"] = 1, ["repost"] = 1 }));

                // Turning the rules off through the API takes effect on the next post.
                using var replaced = await server.Admin.PutJsonAsync("/api/v1/watches/kettle", """{"name":"kettle","query":"kettle"}""");
                Assert.That((int)replaced.StatusCode, Is.EqualTo(200));
                Assert.That(JsonNode.Parse(await replaced.Content.ReadAsStringAsync())!["noise"], Is.Null);
                await pipeline.SubmitAsync([Post("k5", "kettle sale again", author: "bot1")], [], CancellationToken.None);
                var after = (await server.Store().SearchAsync(new MentionFilter(Watch: "kettle"), 20, null, CancellationToken.None)).Items.Select(m => m.Post.ExternalId);
                Assert.That(after, Does.Contain("k5"));
            }
        }
        finally
        {
            TempDirectory.Delete(storePath);
        }
    }

    [Test]
    public async Task ApiWatch_BadNoiseRules_Are400NamingEachAndNothingIsStored()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>());
        using var response = await server.Admin.PostJsonAsync("/api/v1/watches",
            """{"name":"kettle","query":"kettle","noise":{"duplicateWindowMinutes":-5,"maxSpamScore":1.5,"blockedDomains":["http://x"]}}""");
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "noise.duplicateWindowMinutes", "noise.maxSpamScore", "noise.blockedDomains" }));
        using var get = await server.Admin.GetAsync("/api/v1/watches/kettle");
        Assert.That((int)get.StatusCode, Is.EqualTo(404));
    }

    [TestCase("Check out my new scooter", 0.0)]
    [TestCase("FREE FOLLOWERS fast, link in bio #a #b #c #d #e #f", 0.8)]
    public void SpamScore_ObviousBotPost_ScoresHigh(string text, double atLeast)
    {
        Assert.That(SpamScore.Of(text), Is.GreaterThanOrEqualTo(atLeast));
        if (atLeast == 0) Assert.That(SpamScore.Of(text), Is.LessThan(0.2));
    }
}
