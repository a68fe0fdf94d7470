using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Demo;

/// <summary>
/// Replays the bundled sample posts through the pipeline, with fresh ids and timestamps each time, so a fresh
/// <c>dotnet run</c> shows live data without network access. On an empty store it first backfills one pass
/// spread over the past hours so trends have history.
/// </summary>
internal sealed partial class DemoSource(
    IMentionPipeline pipeline, IMentionQueries store, SourceStatusRegistry status, TimeProvider time,
    IOptions<DemoSourceOptions> options, ILogger<DemoSource> logger) : BackgroundService
{
    public const string Name = "demo";
    private readonly IReadOnlyList<DemoSample> _samples = DemoSamples.Load();
    // Ids must differ between runs, or a restart would replay posts the store already holds as duplicates.
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private long _sequence;
    private int _next;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        status.Register(Name);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        try
        {
            if (o.BackfillHours > 0 && await store.CountAsync(stoppingToken) == 0) await BackfillAsync(o.BackfillHours, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.IntervalSeconds), time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                var batch = Enumerable.Range(0, o.PostsPerTick).Select(_ => NextPost(now)).ToList();
                await SubmitAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BackfillAsync(int hours, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var span = TimeSpan.FromHours(hours);
        var step = span / _samples.Count;
        var batch = new List<Post>(_samples.Count);
        for (var i = 0; i < _samples.Count; i++) batch.Add(NextPost(now - span + step * i));
        await SubmitAsync(batch, cancellationToken);
        LogBackfilled(batch.Count, hours);
    }

    private async Task SubmitAsync(List<Post> batch, CancellationToken cancellationToken)
    {
        try
        {
            var result = await pipeline.SubmitAsync(batch, [], cancellationToken);
            status.ReportSuccess(Name, result.Accepted, batch.Max(p => p.CreatedAt));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick tries again; the demo must never take the service down.
            status.ReportError(Name, ex.Message);
            LogSubmitFailed(ex, batch.Count);
        }
    }

    private Post NextPost(DateTimeOffset createdAt)
    {
        var sample = _samples[_next];
        _next = (_next + 1) % _samples.Count;
        var id = $"{_runId}-{Interlocked.Increment(ref _sequence)}";
        return new Post(
            Name, id, sample.Text, createdAt,
            new Author($"demo-{sample.Handle}", sample.Handle, sample.Name, sample.Followers),
            $"https://demo.mentionwatch.invalid/{sample.Handle}/{id}", sample.Lang);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo source backfilled {Count} sample posts over the past {Hours} hours")]
    private partial void LogBackfilled(int count, int hours);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo source could not submit {Count} posts; retrying on the next tick")]
    private partial void LogSubmitFailed(Exception ex, int count);
}
