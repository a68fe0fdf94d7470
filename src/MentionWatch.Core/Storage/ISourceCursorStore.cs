namespace MentionWatch.Core.Storage;

/// <summary>
/// Where sources resume after a restart. Cursors are written only through <see cref="IMentionWriter.StoreAsync"/>, beside
/// the mentions they produced, so reading one back is safe: every mention before it is already stored, and fetching
/// again from it at worst repeats posts, which the writer reports as duplicates.
/// </summary>
public interface ISourceCursorStore
{
    /// <summary>The last durable value stored for <paramref name="sourceKey"/>, or null when the source never stored one.</summary>
    Task<string?> GetCursorAsync(string sourceKey, CancellationToken cancellationToken);
}
