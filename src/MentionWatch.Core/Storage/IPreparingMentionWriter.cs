using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>One mention as the store that prepared it will write it; only that store can write it.</summary>
public abstract record PreparedMentionWrite(Mention Mention);

/// <summary>
/// A writer whose per-mention work before the write (validation, index rows) its caller can do ahead of time, on any
/// thread. A store with one writer holds that writer for the transaction only, so the pipeline prepares each mention
/// in its classify stage, on every core, while the batch before it is being written; through
/// <see cref="IMentionWriter.StoreAsync"/> the same work sat on the single writer's path between two transactions.
/// </summary>
public interface IPreparingMentionWriter : IMentionWriter
{
    /// <summary>Thread-safe. Throws <see cref="ArgumentException"/> naming what is wrong for a mention this store cannot hold.</summary>
    PreparedMentionWrite Prepare(Mention mention);

    /// <summary>
    /// <see cref="IMentionWriter.StoreAsync"/> for mentions this store prepared (the same guarantees); throws
    /// <see cref="ArgumentException"/> for one prepared elsewhere.
    /// </summary>
    Task<StoreBatchResult> StoreAsync(IReadOnlyList<PreparedMentionWrite> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken);
}
