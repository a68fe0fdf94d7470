using System.Diagnostics.Metrics;
using MentionWatch.Server.Metrics;

namespace MentionWatch.Server.Pipeline;

/// <summary>
/// Where a submitted batch's time goes (<c>mentionwatch.pipeline.stage.duration</c>, tags <c>stage</c> and
/// <c>phase</c>): <c>wait</c> is the time it sat in the stage's input channel, <c>work</c> the stage's own time. The
/// ingest benchmark reads these from <c>/metrics</c> to split one batch's acknowledgement latency.
/// </summary>
internal sealed class PipelineStageTimings
{
    private static readonly double[] Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
    private readonly Histogram<double> _duration;

    public PipelineStageTimings(IMeterFactory meters)
    {
        var meter = meters.Create(MentionWatchMetrics.MeterName);
        _duration = meter.CreateHistogram("mentionwatch.pipeline.stage.duration", "s",
            "One submitted batch in one pipeline stage: waiting in its input channel (phase=wait) or processed (phase=work).",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    public void Record(string stage, string phase, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("phase", phase));
}
