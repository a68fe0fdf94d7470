using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline.Sinks;

/// <summary>What a sink's queue does when the sink falls behind: a stated decision, not an accident.</summary>
public enum SinkOverflow
{
    /// <summary>The oldest queued batches go: for consumers where losing an update is better than slowing ingest (live viewers).</summary>
    DropOldest,
    /// <summary>The store stage waits: for consumers that must see every mention (alert evaluation).</summary>
    Wait,
}

/// <summary>
/// A consumer of stored mentions, after the store stage (Serilog's sinks are the model): each sink has its own
/// bounded queue and worker, so a slow or failing sink never holds up another.
/// </summary>
public interface IMentionSink
{
    string Name { get; }

    SinkOverflow Overflow { get; }

    /// <summary>Receives each stored batch (ids and arrival numbers set) in store order. An exception is logged; the next batch flows.</summary>
    Task ConsumeAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken);
}
