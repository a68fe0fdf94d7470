using System.Diagnostics.Metrics;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Sources;

namespace MentionWatch.Server.Metrics;

/// <summary>
/// Values read when Prometheus scrapes: posts by outcome (the pipeline's running totals), batches waiting in each
/// stage's channel and each sink's queue, and per source its lag and the posts it fetched. Started as a hosted
/// service only so the instruments exist from the start.
/// </summary>
internal sealed class MentionWatchGauges : IHostedService
{
    public MentionWatchGauges(IMeterFactory meters, PipelineCounters counters, MentionPipeline pipeline, SourceStatusRegistry sources)
    {
        var meter = meters.Create(MentionWatchMetrics.MeterName);
        meter.CreateObservableCounter("mentionwatch.ingest.posts", () => new[]
        {
            Measure(counters.Accepted, "outcome", "accepted"),
            Measure(counters.Duplicates, "outcome", "duplicate"),
            Measure(counters.Rejected, "outcome", "rejected"),
            Measure(counters.StoreFailures, "outcome", "store_failed"),
        }, "{post}", "Posts submitted to the pipeline by outcome since start.");
        meter.CreateObservableGauge("mentionwatch.pipeline.queue.depth",
            () => pipeline.QueueDepths().Select(q => Measure(q.Depth, "queue", q.Queue)), "{batch}",
            "Batches waiting in each stage's input channel (normalize ... store) and in each sink's queue (sink:<name>).");
        meter.CreateObservableGauge("mentionwatch.source.lag",
            () => sources.Snapshot().Where(s => s.Lag is not null).Select(s => new Measurement<double>(s.Lag!.Value.TotalSeconds, Tag("source", s.Name))), "s",
            "How far behind its feed each source is: now minus the newest post time of its last successful poll.");
        meter.CreateObservableCounter("mentionwatch.source.posts.fetched",
            () => sources.Snapshot().Select(s => Measure(s.PostsFetched, "source", s.Name)), "{post}", "Posts each source fetched since start.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Measurement<long> Measure(long value, string tag, string tagValue) => new(value, Tag(tag, tagValue));

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
