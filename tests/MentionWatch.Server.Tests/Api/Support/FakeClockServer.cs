using MentionWatch.Server.Hosting;
using MentionWatch.Server.Tests.Sources.X.Support;
using MentionWatch.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MentionWatch.Server.Tests.Api.Support;

/// <summary>
/// The real server (same composition as <see cref="TestServer"/>) on 127.0.0.1 whose injected <see cref="TimeProvider"/>
/// is a <see cref="FakeTimeProvider"/> that never fires a timer on its own, so timer-driven behaviour moves only
/// when a test calls <see cref="FakeTimeProvider.Advance"/>.
/// </summary>
internal sealed class FakeClockServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _storePath;

    private FakeClockServer(WebApplication app, FakeTimeProvider time, string storePath)
    {
        _app = app;
        Time = time;
        _storePath = storePath;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Viewer = NewClient(new Uri(address), TestServer.ViewerKey);
        Analyst = NewClient(new Uri(address), TestServer.AnalystKey);
    }

    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _app.Services;
    public HttpClient Viewer { get; }
    public HttpClient Analyst { get; }

    public static async Task<FakeClockServer> StartAsync(IDictionary<string, string?> settings)
    {
        var storePath = TempDirectory.Create("store");
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = storePath,
            ["Auth:AdminKey"] = TestServer.AdminKey,
            ["Auth:Keys:analyst:Key"] = TestServer.AnalystKey,
            ["Auth:Keys:analyst:Role"] = "analyst",
            ["Auth:Keys:viewer:Key"] = TestServer.ViewerKey,
            ["Auth:Keys:viewer:Role"] = "viewer",
            ["Sources:Demo:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) all[key] = value;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = all.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(),
            ContentRootPath = TempDirectory.Create("content"),
            EnvironmentName = "Testing",
        });
        builder.AddMentionWatch();
        // Starts at the real time so ingested posts are not "in the future"; registered last, so it wins.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoFireBelow = TimeSpan.Zero };
        builder.Services.AddSingleton<TimeProvider>(time);
        var app = builder.Build();
        app.MapMentionWatch();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new FakeClockServer(app, time, storePath);
    }

    private static HttpClient NewClient(Uri baseAddress, string apiKey)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Viewer.Dispose();
        Analyst.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        TempDirectory.Delete(_storePath);
    }
}
