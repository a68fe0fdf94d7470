using System.Net;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Hosting;

/// <summary>The built server started as its own process from a folder that has nothing to do with it.</summary>
[TestFixture]
public sealed class ShippedConfigurationTests
{
    private const string ReportingKey = "reporting-key-0123456789abcdef";
    private string _store = null!;
    private string _workingDirectory = null!;
    private ServerProcess _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _store = TempDirectory.Create("store");
        _workingDirectory = TempDirectory.Create("elsewhere");
        _server = await ServerProcess.StartAsync(_store, TestServer.AdminKey, ServerProcess.FreePort(), _workingDirectory, new Dictionary<string, string?>
        {
            ["Serilog__MinimumLevel__Default"] = "Information",
            ["Auth__Keys__reporting__Key"] = ReportingKey,
            ["Auth__Keys__reporting__Role"] = "viewer",
        });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _server.Dispose();
        TempDirectory.Delete(_store);
        TempDirectory.Delete(_workingDirectory);
    }

    private HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = _server.Url, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Test]
    public async Task Start_FromUnrelatedWorkingDirectory_LoadsShippedWatches()
    {
        using var client = Client(TestServer.AdminKey);

        var watches = (await client.GetJsonAsync("/api/v1/watches")).AsArray().Select(w => w!["name"]!.GetValue<string>());

        Assert.That(watches, Is.SupersetOf(new[] { "voltik", "skootr", "brewbird" }));
        Assert.That(Directory.EnumerateFileSystemEntries(_workingDirectory), Is.Empty, "nothing is written to the working directory");
    }

    [Test]
    public void Start_Log_NamesConfigurationSourcesAndStoreDirectory()
    {
        var line = _server.Output.FirstOrDefault(l => l.Contains("Configuration read from", StringComparison.Ordinal));

        Assert.That(line, Is.Not.Null, string.Join(Environment.NewLine, _server.Output));
        Assert.That(line, Does.Contain(Path.Combine(ServerDllDirectory(), "appsettings.json")));
        Assert.That(line, Does.Contain("environment variables"));
        Assert.That(line, Does.Contain(Path.GetFullPath(_store)));
    }

    [Test]
    public async Task RequestLog_NamedKey_CarriesTheNameNeverTheKey()
    {
        using var reporting = Client(ReportingKey);
        using var wrong = Client("wrong-key-that-must-not-be-logged-42");

        using var ok = await reporting.GetAsync("/api/v1/watches?probe=named");
        using var refused = await wrong.GetAsync("/api/v1/watches?probe=wrong");
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        // Log lines are read from the child's pipe asynchronously.
        var lines = await Wait.ForValueAsync(() => _server.Output.Where(l => l.Contains("GET /api/v1/watches", StringComparison.Ordinal)).ToList(),
            l => l.Count >= 2, "two request log lines of GET /api/v1/watches");

        Assert.That(lines, Has.Some.Contains("for key reporting"), string.Join(Environment.NewLine, lines));
        Assert.That(lines, Has.Some.Contains("responded 401").And.Contains("for key -"));
        Assert.That(_server.Output, Has.None.Contains(ReportingKey));
        Assert.That(_server.Output, Has.None.Contains("wrong-key-that-must-not-be-logged-42"));
        Assert.That(_server.Output, Has.None.Contains(TestServer.AdminKey));
    }

    private static string ServerDllDirectory() =>
        Path.Combine(RepositoryPaths.Root(), "src", "MentionWatch.Server", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");
}
