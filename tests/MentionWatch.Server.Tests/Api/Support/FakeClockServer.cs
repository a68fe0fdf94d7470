using MentionWatch.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MentionWatch.Server.Tests.Api.Support;

/// <summary>
/// A <see cref="TestServer"/> whose injected <see cref="TimeProvider"/> is a <see cref="FakeTimeProvider"/> that never
/// fires a timer on its own, so timer-driven behaviour moves only when a test calls <see cref="FakeTimeProvider.Advance"/>.
/// </summary>
internal sealed class FakeClockServer : IAsyncDisposable
{
    private readonly TestServer _server;

    private FakeClockServer(TestServer server, FakeTimeProvider time)
    {
        _server = server;
        Time = time;
    }

    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _server.Services;
    public HttpClient Viewer => _server.Viewer;
    public HttpClient Analyst => _server.Analyst;

    public static async Task<FakeClockServer> StartAsync(IDictionary<string, string?> settings)
    {
        // Starts at the real time so ingested posts are not "in the future"; registered last, so it wins.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await TestServer.StartAsync(settings, configureServices: services => services.AddSingleton<TimeProvider>(time));
        return new FakeClockServer(server, time);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
