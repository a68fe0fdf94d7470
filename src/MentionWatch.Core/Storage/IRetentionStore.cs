namespace MentionWatch.Core.Storage;

/// <summary>
/// Pruning by age (<c>Storage:RetentionDays</c>), one small batch per call so ingest never waits long. A backend that
/// ages data out by itself (an Elasticsearch ILM policy) still implements it, so the retention service stays store-neutral.
/// </summary>
public interface IRetentionStore
{
    /// <summary>Deletes up to <paramref name="batchSize"/> of the oldest mentions posted before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PruneMentionsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> trend rollup rows for buckets before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PruneRollupsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
