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
    /// <see cref="IMentionWriter.StoreAsync"/> for mentions this store prepared (the same guarantees); a store whose
    /// writes need its own preparation throws <see cref="ArgumentException"/> for one prepared elsewhere.
    /// </summary>
    Task<StoreBatchResult> StoreAsync(IReadOnlyList<PreparedMentionWrite> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken);
}

/// <summary>Every writer seen as a preparing one, so that its caller has one path whichever store it writes to.</summary>
public static class MentionWriterPreparation
{
    /// <summary>The writer itself when it prepares ahead; otherwise one that keeps each mention as it is and stores the batch in one call.</summary>
    public static IPreparingMentionWriter Preparing(this IMentionWriter writer) =>
        writer as IPreparingMentionWriter ?? new AsIs(writer);

    private sealed record Unprepared(Mention Mention) : PreparedMentionWrite(Mention);

    /// <summary>A store that does its own per-mention work in <see cref="IMentionWriter.StoreAsync"/> (Elasticsearch): nothing to do ahead.</summary>
    private sealed class AsIs(IMentionWriter writer) : IPreparingMentionWriter
    {
        public PreparedMentionWrite Prepare(Mention mention) => new Unprepared(mention);

        public Task<StoreBatchResult> StoreAsync(IReadOnlyList<PreparedMentionWrite> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(mentions);
            var plain = new Mention[mentions.Count];
            for (var i = 0; i < plain.Length; i++) plain[i] = mentions[i].Mention;
            return writer.StoreAsync(plain, cursors, cancellationToken);
        }

        public Task<StoreBatchResult> StoreAsync(IReadOnlyList<Mention> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken) =>
            writer.StoreAsync(mentions, cursors, cancellationToken);
    }
}
