namespace MentionWatch.Server.Pipeline;

/// <summary>Running totals since start, for logs and the sources endpoint.</summary>
public sealed class PipelineCounters
{
    private long _accepted, _duplicates, _rejected, _failed;

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    /// <summary>Posts refused by validation or failed in a stage.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);
    /// <summary>Posts whose store write failed.</summary>
    public long StoreFailures => Interlocked.Read(ref _failed);

    internal void Add(PipelineResult result)
    {
        Interlocked.Add(ref _accepted, result.Accepted);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        Interlocked.Add(ref _rejected, result.Rejected.Count);
    }

    internal void AddStoreFailures(int posts) => Interlocked.Add(ref _failed, posts);
}
