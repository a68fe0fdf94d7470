using System.Net.Http.Headers;
using MentionWatch.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MentionWatch.Server.Tests.Support;

/// <summary>
/// The real server (same composition as Program.cs) on 127.0.0.1 with a free port and a temporary store.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string AnalystKey = "test-analyst-key-0123456789";
    public const string ViewerKey = "test-viewer-key-0123456789";

    private readonly WebApplication _app;
    private readonly bool _ownsStore;

    private TestServer(WebApplication app, string storePath, bool ownsStore)
    {
        _app = app;
        StorePath = storePath;
        _ownsStore = ownsStore;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Admin = NewClient(AdminKey);
        Analyst = NewClient(AnalystKey);
        Viewer = NewClient(ViewerKey);
        Anonymous = NewClient(null);
    }

    public Uri BaseAddress { get; }
    public string StorePath { get; }
    public IServiceProvider Services => _app.Services;
    public HttpClient Admin { get; }
    public HttpClient Analyst { get; }
    public HttpClient Viewer { get; }
    public HttpClient Anonymous { get; }

    /// <summary>
    /// Starts a server; <paramref name="settings"/> override configuration keys (e.g. "Api:MaxRequestBodyBytes") and
    /// <paramref name="configureServices"/> replaces services after the real composition (e.g. a fake clock).
    /// </summary>
    public static async Task<TestServer> StartAsync(IDictionary<string, string?>? settings = null, string? storePath = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var ownsStore = storePath is null;
        storePath ??= TempDirectory.Create("store");
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = storePath,
            ["Auth:AdminKey"] = AdminKey,
            ["Auth:Keys:analyst:Key"] = AnalystKey,
            ["Auth:Keys:analyst:Role"] = "analyst",
            ["Auth:Keys:viewer:Key"] = ViewerKey,
            ["Auth:Keys:viewer:Role"] = "viewer",
            ["Sources:Demo:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = Build(all, configureServices);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new TestServer(app, storePath, ownsStore);
    }

    /// <summary>Builds (without starting) the app the way Program.cs does, from command-line style settings.</summary>
    public static WebApplication Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var args = settings.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        // An empty content root keeps the server project's appsettings.json (demo source, sample watches) out of tests.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = TempDirectory.Create("content"),
            EnvironmentName = "Testing",
        });
        builder.AddMentionWatch();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMentionWatch();
        return app;
    }

    public HttpClient NewClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { Admin, Analyst, Viewer, Anonymous }) client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsStore) TempDirectory.Delete(StorePath);
    }
}
