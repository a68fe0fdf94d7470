namespace MentionWatch.Storage.Elasticsearch;

/// <summary>What the bulk writer did since start, for logs, metrics and tests. Thread-safe counters.</summary>
public sealed class ElasticsearchStoreStatistics
{
    private long _stored, _duplicates, _deadLettered, _rejectedItems, _bulkRequests;

    public long Stored => Interlocked.Read(ref _stored);
    /// <summary>Posts already stored: a 409 from <c>create</c>, found by the id lookup, or sent twice in one batch.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);
    /// <summary>Documents the cluster could not parse, kept in the dead-letter index with the reason.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);
    /// <summary>Bulk items (or whole requests' items) rejected with 429 and sent again.</summary>
    public long RejectedItems => Interlocked.Read(ref _rejectedItems);
    public long BulkRequests => Interlocked.Read(ref _bulkRequests);

    internal void AddStored(long n) => Interlocked.Add(ref _stored, n);
    internal void AddDuplicates(long n) => Interlocked.Add(ref _duplicates, n);
    internal void AddDeadLettered(long n) => Interlocked.Add(ref _deadLettered, n);
    internal void AddRejected(long n) => Interlocked.Add(ref _rejectedItems, n);
    internal void AddBulkRequest() => Interlocked.Increment(ref _bulkRequests);
}
