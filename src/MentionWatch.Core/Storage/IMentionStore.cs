using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>
/// A whole mention store: the writer, the queries and the source cursors one backend keeps (SQLite now, Elasticsearch
/// next). Consumers depend on the narrowest role they use; this composite exists so a backend implements one type and
/// the host registers each role from it. Contract fixtures per role live in tests/MentionWatch.Storage.Contracts.
/// </summary>
public interface IMentionStore : IMentionWriter, IMentionQueries, ISourceCursorStore;

/// <summary>
/// A source's resume position (e.g. X's newest tweet id for one watch), written with the mentions it produced; see
/// <see cref="IMentionWriter.StoreAsync"/> for what a store guarantees about the two.
/// </summary>
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
