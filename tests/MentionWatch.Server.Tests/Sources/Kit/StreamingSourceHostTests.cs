using System.Runtime.CompilerServices;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Kit.Streaming;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MentionWatch.Server.Tests.Sources.Kit;

/// <summary>The kit's streaming host against a loopback NDJSON stream: cut connections and silent ones both reconnect.</summary>
[TestFixture]
public sealed class StreamingSourceHostTests
{
    private FakeApiServer _api = null!;
    private string _storePath = null!;
    private SqliteDatabase _db = null!;
    // NUnit runs every test of a fixture on one instance: per-test state is created in SetUp, or a test would
    // count the previous test's connections and posts (which is how a cut that never happened once passed).
    private RecordingPipeline _pipeline = null!;
    private FakeTimeProvider _time = null!;
    private int _connection;

    [SetUp]
    public async Task SetUp()
    {
        _pipeline = new RecordingPipeline();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        _connection = 0;
        _api = await FakeApiServer.StartAsync();
        _storePath = TempDirectory.Create("stream");
        _db = SqliteDatabase.Open(new SqliteStoreOptions { Path = _storePath });
    }

    [TearDown]
    public async Task TearDown()
    {
        await _api.DisposeAsync();
        _db.Dispose();
        TempDirectory.Delete(_storePath);
    }

    [Test]
    public async Task ExecuteAsync_StreamCutMidLine_ReconnectsAndNeverSubmitsTheHalfLine()
    {
        _api.Handle("/stream", async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            await context.Response.WriteAsync(n == 1
                ? "{\"id\":\"1\",\"text\":\"acme one\"}\n\r\n{\"id\":\"2\",\"text\":\"acme tw"
                : "{\"id\":\"2\",\"text\":\"acme two\"}\n");
            await context.Response.Body.FlushAsync();
            // Abort sends a reset, and a reset makes the client's kernel drop bytes it has not read yet: cut only
            // once the client has taken the first line (and with it the half line written in the same chunk).
            if (n == 1)
            {
                await _pipeline.FirstPost.WaitAsync(TimeSpan.FromSeconds(10));
                context.Abort();
            }
            else await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        var (host, statuses) = await StartAsync();

        await Eventually(() => _pipeline.Ids.Count(id => id != "backfill") == 2, "both complete lines submitted", advance: TimeSpan.FromMilliseconds(500));
        await host.StopAsync(CancellationToken.None);

        Assert.That(_pipeline.Ids.Where(id => id != "backfill"), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(_pipeline.Texts, Has.None.EqualTo("acme tw"));
        Assert.That(_connection, Is.EqualTo(2), "one reconnect");
        Assert.That(host.Connections, Is.EqualTo(2), "the host counted the reconnect");
        var status = statuses.Snapshot().Single();
        Assert.That(status.LastError, Does.Contain("stream disconnected"));
        Assert.That(status.State, Is.EqualTo(SourceState.Ok), "connected again");
    }

    [Test]
    public async Task ExecuteAsync_ReconnectedStreamWithOnlyHeartbeats_IsReportedConnected()
    {
        _api.Handle("/stream", async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            if (n == 1)
            {
                context.Abort();
                return;
            }

            await context.Response.WriteAsync("\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        var (host, statuses) = await StartAsync();

        await Eventually(() => statuses.Snapshot().SingleOrDefault()?.LastSuccessAt is not null, "the heartbeat after the reconnect", advance: TimeSpan.FromMilliseconds(500));
        await host.StopAsync(CancellationToken.None);

        var status = statuses.Snapshot().Single();
        Assert.That(status.State, Is.EqualTo(SourceState.Ok), "a quiet but connected stream is not failing");
        Assert.That(status.ConsecutiveFailures, Is.Zero);
        Assert.That(status.LastError, Does.Contain("stream disconnected"));
    }

    [Test]
    public async Task ExecuteAsync_SilentStream_WatchdogReconnectsAndBackfillsTheGap()
    {
        _api.Handle("/stream", async context =>
        {
            var n = Interlocked.Increment(ref _connection);
            await context.Response.WriteAsync(n == 1 ? "{\"id\":\"1\",\"text\":\"acme one\"}\n" : "\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        var (host, statuses) = await StartAsync();
        await Eventually(() => _pipeline.Ids.Count == 1, "the first line");

        await Eventually(() => _connection >= 2, "a reconnect after the silence", advance: TimeSpan.FromSeconds(5));
        await Eventually(() => _pipeline.Ids.Contains("backfill"), "the gap backfilled after the reconnect", advance: TimeSpan.FromSeconds(1));
        await host.StopAsync(CancellationToken.None);

        var status = statuses.Snapshot().Single();
        Assert.That(status.LastError, Does.Contain("nothing arrived for 30 s"));
        Assert.That(status.Gaps, Has.Count.EqualTo(1));
        Assert.That(status.Gaps[0].Length, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)));
    }

    private async Task<(StreamingSourceHost<NdjsonSource> Host, SourceStatusRegistry Statuses)> StartAsync()
    {
        var statuses = new SourceStatusRegistry(_time);
        var source = new NdjsonSource(new HttpClient { BaseAddress = _api.BaseUrl }, _time);
        var host = new StreamingSourceHost<NdjsonSource>(source, new SqliteMentionStore(_db), _pipeline, statuses, _time, NullLogger<StreamingSourceHost<NdjsonSource>>.Instance);
        await host.StartAsync(CancellationToken.None);
        return (host, statuses);
    }

    /// <summary>Waits for a condition, moving the fake clock by <paramref name="advance"/> between looks (timers fire only then).</summary>
    private Task Eventually(Func<bool> condition, string what, TimeSpan? advance = null) =>
        Wait.ForAsync(() =>
        {
            if (condition()) return true;
            if (advance is { } step) _time.Advance(step);
            return false;
        }, what);

    /// <summary>A minimal streaming source: GET /stream, one JSON post per line, blank lines are heartbeats.</summary>
    private sealed class NdjsonSource(HttpClient http, TimeProvider time) : IStreamingSource
    {
        public string Name => "ndjson";
        public string? DisabledReason => null;
        public StreamingOptions Streaming { get; } = new() { SilenceTimeoutSeconds = 30, ReconnectBaseDelayMilliseconds = 1_000, BackfillMinimumGapSeconds = 5 };

        public async IAsyncEnumerable<StreamMessage> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync("stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var line in LineStream.ReadLinesAsync(body, cancellationToken))
            {
                if (line.Length == 0)
                {
                    yield return StreamMessage.Heartbeat;
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                var id = json.RootElement.GetProperty("id").GetString()!;
                yield return new StreamMessage([Post(id, json.RootElement.GetProperty("text").GetString()!)], id);
            }
        }

        public Task<StreamMessage> BackfillAsync(StreamGap gap, string? cursor, CancellationToken cancellationToken) =>
            Task.FromResult(new StreamMessage([Post("backfill", $"missed since {cursor}")], cursor));

        private Post Post(string id, string text) => new("ndjson", id, text, time.GetUtcNow(), new Author(null, "someone"));
    }

    private sealed class RecordingPipeline : IMentionPipeline
    {
        private readonly Lock _gate = new();
        private readonly List<Post> _posts = [];
        private readonly TaskCompletionSource _firstPost = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once a post has been submitted.</summary>
        public Task FirstPost => _firstPost.Task;

        public IReadOnlyList<string> Ids { get { lock (_gate) return _posts.Select(p => p.ExternalId).ToList(); } }
        public IReadOnlyList<string> Texts { get { lock (_gate) return _posts.Select(p => p.Text).ToList(); } }

        public Task<PipelineResult> SubmitAsync(IReadOnlyList<Post> posts, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
        {
            lock (_gate) _posts.AddRange(posts);
            if (posts.Count > 0) _firstPost.TrySetResult();
            return Task.FromResult(new PipelineResult(posts.Count, 0, []));
        }
    }
}
