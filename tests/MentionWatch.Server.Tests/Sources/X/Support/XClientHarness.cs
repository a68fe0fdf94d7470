using MentionWatch.Server.Tests.Support;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.X;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Tests.Sources.X.Support;

/// <summary>
/// The X source composed through its real DI extension (AddXSource) against a <see cref="FakeXServer"/>, with a
/// <see cref="FastForwardingTimeProvider"/> so retry and rate-limit waits take no real time.
/// </summary>
internal sealed class XClientHarness : IAsyncDisposable
{
    public const string BearerToken = "test-bearer-AAAA-secret";
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private XClientHarness(FakeXServer server, FastForwardingTimeProvider time, ServiceProvider services, RecordingLoggerProvider logs)
    {
        Server = server;
        Time = time;
        Services = services;
        Logs = logs;
    }

    public FakeXServer Server { get; }
    public FastForwardingTimeProvider Time { get; }
    public ServiceProvider Services { get; }
    public RecordingLoggerProvider Logs { get; }

    public XRecentSearchClient Client => Services.GetRequiredService<XRecentSearchClient>();

    public static async Task<XClientHarness> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? addServices = null)
    {
        var server = await FakeXServer.StartAsync();
        var config = new Dictionary<string, string?>
        {
            ["Sources:X:BearerToken"] = BearerToken,
            ["Sources:X:BaseUrl"] = server.BaseUrl.ToString(),
            ["Sources:X:MaxResults"] = "100",
            ["Sources:X:MaxRetries"] = "3",
            ["Sources:X:RetryBaseDelayMilliseconds"] = "1000",
            ["Sources:X:AttemptTimeoutSeconds"] = "600",
            ["Sources:X:MaxRateLimitWaitSeconds"] = "120",
            ["Sources:AllowPrivateTargets"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var time = new FastForwardingTimeProvider(Start);
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new SourceStatusRegistry(time));
        addServices?.Invoke(services);
        services.AddXSource(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        return new XClientHarness(server, time, services.BuildServiceProvider(), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
