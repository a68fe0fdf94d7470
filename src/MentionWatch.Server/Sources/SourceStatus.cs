namespace MentionWatch.Server.Sources;

/// <summary>A stretch of time in which a source (or watch) was not polled although it should have been.</summary>
/// <param name="From">The last poll before the gap.</param>
/// <param name="To">The poll that ended it; null while the gap is still open.</param>
public sealed record SourceGap(DateTimeOffset From, DateTimeOffset? To, TimeSpan Length);

/// <summary>Health of one watch (or feed) of a source; <c>Dropped</c> counts posts the watch's noise rules dropped, by reason.</summary>
public sealed record SourceTargetStatus(
    string Name,
    SourceState State,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastErrorAt,
    string? LastError,
    long PostsFetched,
    TimeSpan? Lag,
    int PostsLastHour,
    int ConsecutiveFailures,
    IReadOnlyList<SourceGap> Gaps,
    string? PermanentFailure,
    IReadOnlyDictionary<string, long>? Dropped = null);

/// <summary>What GET /api/v1/sources reports for one source.</summary>
public sealed record SourceStatus(
    string Name,
    SourceState State,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastErrorAt,
    string? LastError,
    long PostsFetched,
    TimeSpan? Lag,
    int PostsLastHour,
    int ConsecutiveFailures,
    IReadOnlyList<SourceGap> Gaps,
    string? PermanentFailure,
    IReadOnlyList<SourceTargetStatus> Watches,
    IReadOnlyDictionary<string, long>? Dropped = null);
