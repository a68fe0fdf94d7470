using System.Diagnostics.Metrics;

namespace MentionWatch.Server.Metrics;

/// <summary>
/// The instruments the code records into (meter <see cref="MeterName"/>): pipeline and store latency, alert latency,
/// deliveries. Observed values (counters, queue depths, source health) are in <see cref="MentionWatchGauges"/>.
/// Recording is lock-free and allocation-free on the hot path; without a listener it costs next to nothing.
/// </summary>
internal sealed class MentionWatchMetrics
{
    public const string MeterName = "MentionWatch";

    // Seconds: ingest answers take milliseconds, alert deliveries can take minutes when a receiver retries.
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Histogram<double> _ingest, _storeWrite, _alertCommit, _alertDelivery;
    private readonly Counter<long> _deliveries;

    public MentionWatchMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ingest = Latency(meter, "mentionwatch.pipeline.duration", "A submitted batch from intake (normalize) until stored and answered.");
        _storeWrite = Latency(meter, "mentionwatch.store.write.duration", "One store transaction (one or several merged batches).");
        _alertCommit = Latency(meter, "mentionwatch.alert.commit.latency", "A mention seen (classified, just before its store transaction) until the alert it raised or updated was committed.");
        _alertDelivery = Latency(meter, "mentionwatch.alert.delivery.latency", "An alert event committed until a notifier's receiver accepted it.");
        _deliveries = meter.CreateCounter<long>("mentionwatch.alert.deliveries", "{attempt}", "Delivery attempts by notifier and outcome (accepted, transient, permanent).");
    }

    public void PipelineBatch(TimeSpan elapsed) => _ingest.Record(elapsed.TotalSeconds);

    public void StoreWrite(TimeSpan elapsed) => _storeWrite.Record(elapsed.TotalSeconds);

    public void AlertCommitted(TimeSpan sinceSeen) => _alertCommit.Record(Math.Max(0, sinceSeen.TotalSeconds));

    public void AlertDelivered(string notifier, TimeSpan sinceCommitted) =>
        _alertDelivery.Record(Math.Max(0, sinceCommitted.TotalSeconds), new KeyValuePair<string, object?>("notifier", notifier));

    public void DeliveryAttempt(string notifier, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("notifier", notifier), new KeyValuePair<string, object?>("outcome", outcome));

    private static Histogram<double> Latency(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
}
