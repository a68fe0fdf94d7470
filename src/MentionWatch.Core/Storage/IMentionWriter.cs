using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>The one way mentions enter a store: the pipeline's store stage (and start-up's seeded markers) call it.</summary>
public interface IMentionWriter
{
    /// <summary>
    /// Stores a batch and the source cursors that produced it; returns only after both are durable. What every store
    /// keeps, transactional or not, so a restart neither loses nor repeats posts:
    /// <list type="bullet">
    /// <item>A cursor is durable <b>no earlier than</b> the mentions it produced: after a crash the stored cursor never
    /// points past a mention that is missing. A store without transactions writes (and acknowledges) the mentions first,
    /// then the cursor; a crash between the two leaves an older cursor, and the source fetches those posts again.</item>
    /// <item><c>(source, externalId)</c> is idempotent: a post already stored is reported as a duplicate (a null id) and
    /// not stored again, so that replay after a crash changes nothing. Within one batch the first copy wins.</item>
    /// </list>
    /// A batch with only cursors is allowed (a source that advanced without new posts).
    /// </summary>
    Task<StoreBatchResult> StoreAsync(IReadOnlyList<Mention> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken);
}
