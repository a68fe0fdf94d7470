using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>Reading stored mentions: the API, exports, trends, alert evaluation and the live feed's replay.</summary>
public interface IMentionQueries
{
    Task<Mention?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Newest first (createdAt, then id), at most <paramref name="limit"/> (1-1000) per page, paged with
    /// <see cref="MentionPageCursor"/>. <see cref="MentionFilter.From"/> is inclusive, <see cref="MentionFilter.To"/> exclusive.
    /// Throws <see cref="InvalidCursorException"/> for a cursor that is not one.
    /// </summary>
    Task<MentionPage> SearchAsync(MentionFilter filter, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Every mention matching the filter, newest first, streamed with constant memory.</summary>
    IAsyncEnumerable<Mention> ExportAsync(MentionFilter filter, CancellationToken cancellationToken);

    /// <summary>Counts per time bucket, answered from rollups (or aggregations) rather than by reading mentions one by one.</summary>
    Task<TrendResult> TrendsAsync(TrendRequest request, CancellationToken cancellationToken);

    /// <summary>Mentions per watch (and per sentiment) in the period, for share of voice.</summary>
    Task<IReadOnlyList<WatchVolume>> VolumeByWatchAsync(IReadOnlyList<string> watches, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Mentions stored after arrival number <paramref name="afterArrival"/>, in arrival order, at most
    /// <paramref name="limit"/>: how a consumer that died catches up.
    /// </summary>
    Task<IReadOnlyList<Mention>> ReadArrivedAfterAsync(long afterArrival, int limit, CancellationToken cancellationToken);

    /// <summary>The newest arrival number stored, 0 for an empty store.</summary>
    Task<long> LastArrivalAsync(CancellationToken cancellationToken);
}
