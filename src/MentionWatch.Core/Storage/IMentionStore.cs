using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>
/// The narrow contract every mention store satisfies (SQLite now, Elasticsearch next). Contract tests in
/// tests/MentionWatch.Core.Tests run against each implementation.
/// </summary>
public interface IMentionStore
{
    /// <summary>
    /// Stores a batch in one durable transaction, together with the source cursors that produced it, so a
    /// restart neither loses nor repeats posts. Returns only after the data is durable.
    /// A (source, externalId) already stored is reported as a duplicate and not stored again.
    /// </summary>
    Task<StoreBatchResult> StoreAsync(IReadOnlyList<Mention> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken);

    Task<Mention?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Newest first (createdAt, then id), cursor paginated.</summary>
    Task<MentionPage> SearchAsync(MentionFilter filter, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Every mention matching the filter, newest first, streamed with constant memory.</summary>
    IAsyncEnumerable<Mention> ExportAsync(MentionFilter filter, CancellationToken cancellationToken);

    /// <summary>Counts per time bucket, answered from rollup tables rather than by scanning mentions.</summary>
    Task<TrendResult> TrendsAsync(TrendRequest request, CancellationToken cancellationToken);

    /// <summary>Mentions per watch (and per sentiment) in the period, for share of voice.</summary>
    Task<IReadOnlyList<WatchVolume>> VolumeByWatchAsync(IReadOnlyList<string> watches, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    Task<string?> GetCursorAsync(string sourceKey, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Mentions stored after arrival number <paramref name="afterArrival"/>, in arrival order, at most
    /// <paramref name="limit"/>: how a consumer that died catches up.
    /// </summary>
    Task<IReadOnlyList<Mention>> ReadArrivedAfterAsync(long afterArrival, int limit, CancellationToken cancellationToken);

    /// <summary>The newest arrival number stored, 0 for an empty store.</summary>
    Task<long> LastArrivalAsync(CancellationToken cancellationToken);
}

/// <summary>Watches persisted beside the mentions; configuration seeds them at start.</summary>
public interface IWatchStore
{
    Task<IReadOnlyList<Watch>> ListWatchesAsync(CancellationToken cancellationToken);
    Task<Watch?> GetWatchAsync(string name, CancellationToken cancellationToken);
    /// <summary>Creates or replaces; returns true when it was created.</summary>
    Task<bool> UpsertWatchAsync(Watch watch, CancellationToken cancellationToken);
    Task<bool> DeleteWatchAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A source's resume position (e.g. X's newest tweet id for one watch), stored with the mentions it produced.</summary>
public sealed record SourceCursor(string SourceKey, string Value);

/// <summary>
/// Per input item, in order: the stored id, or null when it was a duplicate; and the arrival sequence number given
/// to each stored item (0 for duplicates; null when the store keeps no arrival order).
/// </summary>
public sealed record StoreBatchResult(IReadOnlyList<long?> Ids, IReadOnlyList<long>? Arrivals = null)
{
    /// <summary>Per input item: the stored triage state, team and first brand reply (null for duplicates or when not kept).</summary>
    public IReadOnlyList<MentionSupport?>? Support { get; init; }

    public int Stored => Ids.Count(id => id is not null);
    public int Duplicates => Ids.Count(id => id is null);
}

/// <summary>
/// Filters shared by search and export. Query is already parsed (see MentionWatch.Core.Query).
/// <see cref="Triage"/> and <see cref="Team"/> narrow to a triage state and a team.
/// <see cref="Watch"/> and <see cref="Watches"/> together name the watches of interest: a mention of any of them matches.
/// </summary>
public sealed record MentionFilter(
    Query.QueryNode? Query = null,
    string? Watch = null,
    string? Sentiment = null,
    bool? NeedsReply = null,
    string? Source = null,
    string? Lang = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    IReadOnlyList<string>? Watches = null,
    string? Triage = null,
    string? Team = null)
{
    /// <summary>Every watch named by <see cref="Watch"/> and <see cref="Watches"/>, blanks dropped, each once; empty means any watch.</summary>
    public IReadOnlyList<string> AllWatches() =>
        new[] { Watch }.Concat(Watches ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!).Distinct(StringComparer.Ordinal).ToList();
}

public sealed record MentionPage(IReadOnlyList<Mention> Items, string? NextCursor);

public enum TrendInterval { Hour, Day }
/// <summary>Trend dimensions; <see cref="NeedsReply"/> counts needs-reply mentions only (key "1"), for alert baselines.</summary>
public enum TrendGroupBy { Sentiment, Source, Lang, NeedsReply }

public sealed record TrendRequest(string? Watch, DateTimeOffset From, DateTimeOffset To, TrendInterval Interval, TrendGroupBy GroupBy);
public sealed record TrendBucket(DateTimeOffset Start, long Total, IReadOnlyDictionary<string, long> Counts);
public sealed record TrendResult(IReadOnlyList<TrendBucket> Buckets);
public sealed record WatchVolume(string Watch, long Total, IReadOnlyDictionary<string, long> BySentiment);
