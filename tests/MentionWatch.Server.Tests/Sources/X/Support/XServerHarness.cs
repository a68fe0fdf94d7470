using MentionWatch.Core.Storage;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.X;
using MentionWatch.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MentionWatch.Server.Tests.Sources.X.Support;

/// <summary>
/// The whole service composed as Program.cs does (AddMentionWatch + AddXSource: real SQLite store, classifier,
/// pipeline, Quartz) on 127.0.0.1 with a temporary store, pointed at a <see cref="FakeXServer"/>. An optional
/// <see cref="FastForwardingTimeProvider"/> drives the X resilience pipeline only, so retry and rate-limit waits take no real
/// time while Quartz and the rest of the service keep the system clock (the fake one would race ahead with them).
/// </summary>
internal sealed class XServerHarness : IAsyncDisposable
{
    public const string AdminKey = "x-harness-admin-key-0123456789";

    private readonly WebApplication _app;
    private readonly bool _ownsStore;

    private XServerHarness(WebApplication app, FakeXServer x, string storePath, bool ownsStore)
    {
        _app = app;
        X = x;
        StorePath = storePath;
        _ownsStore = ownsStore;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public FakeXServer X { get; }
    public string StorePath { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    public PollRunner Runner => Services.GetRequiredService<PollRunner>();
    public XRecentSearchSource Source => Services.GetRequiredService<XRecentSearchSource>();

    /// <summary>One poll of <paramref name="watch"/> with the translated X query, as the poll job runs it.</summary>
    public Task<PollOutcome> PollAsync(string watch, string xQuery, CancellationToken cancellationToken) =>
        Runner.RunAsync(Source, new PollTarget(watch, xQuery, $"watch '{watch}'"), cancellationToken);
    public IMentionStore Store => Services.GetRequiredService<IMentionStore>();
    public IWatchStore Watches => Services.GetRequiredService<IWatchStore>();
    public SourceStatus? XStatus => Services.GetRequiredService<SourceStatusRegistry>().Snapshot().SingleOrDefault(s => s.Name == "x");

    /// <summary>Starts the service; <paramref name="settings"/> override keys such as "Sources:X:MaxRetries".</summary>
    public static async Task<XServerHarness> StartAsync(
        FakeXServer x, IDictionary<string, string?>? settings = null, TimeProvider? resilienceTime = null, string? storePath = null)
    {
        var ownsStore = storePath is null;
        storePath ??= TempDirectory.Create("x-store");
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = storePath,
            ["Auth:AdminKey"] = AdminKey,
            ["Sources:Demo:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Sources:X:BearerToken"] = XClientHarness.BearerToken,
            ["Sources:X:BaseUrl"] = x.BaseUrl.ToString(),
            ["Sources:X:MaxRetries"] = "3",
            ["Sources:X:AttemptTimeoutSeconds"] = "600",
            ["Sources:X:MaxRateLimitWaitSeconds"] = "120",
            ["Sources:AllowPrivateTargets"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = all.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").ToArray(),
            ContentRootPath = TempDirectory.Create("x-content"),
            EnvironmentName = "Testing",
        });
        builder.AddMentionWatch();
        // Harmless if the host composition already adds it: AddXSource is idempotent.
        builder.Services.AddXSource(builder.Configuration);
        if (resilienceTime is not null)
        {
            builder.Services.AddSingleton(sp => new HttpSourceResilience<XSourceOptions>(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<XSourceOptions>>(),
                resilienceTime,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<HttpSourceResilience<XSourceOptions>>>()));
        }
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

        return new XServerHarness(app, x, storePath, ownsStore);
    }

    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsStore) TempDirectory.Delete(StorePath);
    }
}
