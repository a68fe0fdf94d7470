using System.Net;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Storage;
using MentionWatch.Server.Storage.Elasticsearch;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Storage;

/// <summary><c>Storage:Provider</c> chooses the backend in one place; a bad choice stops the real server's start naming the key.</summary>
[TestFixture]
public sealed class StorageProviderTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = TempDirectory.Create("store"),
            ["Auth:AdminKey"] = TestServer.AdminKey,
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    private static async Task<IReadOnlyList<string>> StartupProblemsAsync(Dictionary<string, string?> settings)
    {
        var app = TestServer.Build(settings);
        await using var _ = app;
        var ex = Assert.CatchAsync(() => app.StartAsync());
        return MentionWatchEndpoints.ConfigurationProblems(ex!);
    }

    [TestCase("postgres")]
    [TestCase("elastic")]
    public async Task Start_UnknownProvider_FailsNamingTheKeyAndTheAllowedValues(string provider)
    {
        var problems = await StartupProblemsAsync(Settings(("Storage:Provider", provider)));

        Assert.That(problems, Has.Exactly(1).StartsWith("Storage:Provider: ")
            .And.Contains($"'{provider}'").And.Contains("sqlite, elasticsearch"));
    }

    [Test]
    public async Task Start_UnknownProviderBesideAnotherBadSetting_ListsBoth()
    {
        var problems = await StartupProblemsAsync(Settings(("Storage:Provider", "mongo"), ("Pipeline:ChannelCapacity", "0")));

        Assert.That(problems, Has.Some.StartsWith("Storage:Provider: "));
        Assert.That(problems, Has.Some.StartsWith("Pipeline:ChannelCapacity: "));
    }

    [Test]
    public async Task Start_ElasticsearchWithoutUrls_FailsNamingTheUrlsKey()
    {
        var problems = await StartupProblemsAsync(Settings(("Storage:Provider", "elasticsearch")));

        Assert.That(problems, Has.Exactly(1).StartsWith("Storage:Elasticsearch:Urls: ").And.Contains("at least one"));
    }

    [Test]
    public async Task Start_ElasticsearchWithBadUrlAndHalfCredentials_ListsEachKey()
    {
        var problems = await StartupProblemsAsync(Settings(
            ("Storage:Provider", "elasticsearch"),
            ("Storage:Elasticsearch:Urls:0", "https://es1.example:9200"),
            ("Storage:Elasticsearch:Urls:1", "es2.example:9200"),
            ("Storage:Elasticsearch:Username", "mentionwatch"),
            ("Storage:Elasticsearch:CertificateFingerprint", "not-hex")));

        Assert.That(problems, Has.Exactly(1).StartsWith("Storage:Elasticsearch:Urls:1: ").And.Contains("es2.example:9200"));
        Assert.That(problems, Has.None.StartsWith("Storage:Elasticsearch:Urls:0"));
        Assert.That(problems, Has.Exactly(1).StartsWith("Storage:Elasticsearch:Password: "));
        Assert.That(problems, Has.Exactly(1).StartsWith("Storage:Elasticsearch:CertificateFingerprint: "));
    }

    [Test]
    public async Task Start_ElasticsearchWithApiKeyAndBasicAuth_FailsNamingApiKey()
    {
        var problems = await StartupProblemsAsync(Settings(
            ("Storage:Provider", "elasticsearch"), ("Storage:Elasticsearch:Urls:0", "http://localhost:9200"),
            ("Storage:Elasticsearch:ApiKey", "a2V5"), ("Storage:Elasticsearch:Username", "u"), ("Storage:Elasticsearch:Password", "p")));

        Assert.That(problems, Has.Exactly(1).StartsWith("Storage:Elasticsearch:ApiKey: ").And.Contains("not both"));
    }

    [Test]
    public async Task Start_ElasticsearchUrlAnsweredByAnotherServer_FailsSayingItIsNotElasticsearch()
    {
        // A real HTTP server on loopback that is not Elasticsearch (no x-elastic-product header): the store connects at start and refuses it.
        await using var other = await MentionWatch.Server.Tests.Sources.Support.FakeApiServer.StartAsync();
        other.DefaultReply = new MentionWatch.Server.Tests.Sources.Support.ApiReply(200, """{"name":"not-a-cluster","tagline":"something else"}""");
        var app = TestServer.Build(Settings(
            ("Storage:Provider", "Elasticsearch"), ("Storage:Elasticsearch:Urls:0", other.BaseUrl.ToString()),
            ("Storage:Elasticsearch:Username", "mentionwatch"), ("Storage:Elasticsearch:Password", "secret-do-not-log"),
            ("Storage:Elasticsearch:RequestTimeoutSeconds", "5")));
        await using var _ = app;

        var ex = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(ex!.ToString(), Does.Contain("Elasticsearch"));
        Assert.That(ex.ToString(), Does.Not.Contain("secret-do-not-log"));
        Assert.That(other.Requests, Is.Not.Empty, "the store asked the server who it is");
        Assert.That(other.Requests[0].Headers["Authorization"], Does.StartWith("Basic "));
    }

    [TestCase(null)]
    [TestCase("sqlite")]
    [TestCase(" SQLite ")]
    public async Task Start_SqliteProviderOrNone_ServesMentionsFromTheEmbeddedStore(string? provider)
    {
        var settings = new Dictionary<string, string?>();
        if (provider is not null) settings["Storage:Provider"] = provider;
        await using var server = await TestServer.StartAsync(settings);

        using var response = await server.Viewer.GetAsync("/api/v1/mentions?limit=5");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(File.Exists(Path.Combine(server.StorePath, "mentionwatch.db")), Is.True);
        var writer = server.Services.GetRequiredService<IMentionWriter>();
        Assert.That(writer, Is.InstanceOf<SqliteMentionStore>());
        Assert.That(server.Services.GetRequiredService<IMentionQueries>(), Is.SameAs(writer));
        Assert.That(server.Services.GetRequiredService<ISourceCursorStore>(), Is.SameAs(writer));
        foreach (var role in StoreRoles.All) Assert.That(server.Services.GetService(role), Is.Not.Null, role.Name);
    }

    [Test]
    public async Task Build_EveryProvider_RegistersEveryStoreRole()
    {
        foreach (var provider in StorageProviders.Names)
        {
            var app = TestServer.Build(Settings(("Storage:Provider", provider), ("Storage:Elasticsearch:Urls:0", "http://localhost:9200")));
            await using var _ = app;
            var registered = app.Services.GetRequiredService<IServiceProviderIsService>();

            foreach (var role in StoreRoles.All)
                Assert.That(registered.IsService(role), Is.True, $"{provider} registers {role.Name}");
        }
    }

    [Test]
    public void Process_ElasticsearchFromEnvironmentWithoutUrls_ExitsWithCode1NamingTheKey()
    {
        // The compose file configures the service through environment variables; the real binary must read them.
        var store = TempDirectory.Create("store");
        var ex = Assert.CatchAsync<InvalidOperationException>(() => ServerProcess.StartAsync(store, TestServer.AdminKey, ServerProcess.FreePort(),
            environment: new Dictionary<string, string?> { ["Storage__Provider"] = "elasticsearch" }));

        Assert.That(ex!.Message, Does.Contain("exited with code 1"));
        Assert.That(ex.Message, Does.Contain("Configuration problem: Storage:Elasticsearch:Urls"));
    }
}
