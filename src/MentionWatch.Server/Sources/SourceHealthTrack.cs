namespace MentionWatch.Server.Sources;

/// <summary>
/// The running record of one source or one watch of a source: successes, failures, posts in the last hour and
/// gaps between polls. Not thread-safe on its own; <see cref="SourceStatusRegistry"/> locks around it.
/// </summary>
internal sealed class SourceHealthTrack(string name)
{
    private const int MaxGaps = 10;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly Queue<(DateTimeOffset At, int Count)> _recent = new();
    private readonly List<SourceGap> _gaps = [];

    public string Name { get; } = name;
    public bool Disabled { get; set; }
    public TimeSpan? Interval { get; set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    public DateTimeOffset? LastSuccessAt { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }
    public string? LastError { get; private set; }
    public long PostsFetched { get; private set; }
    public TimeSpan? Lag { get; private set; }
    public int ConsecutiveFailures { get; private set; }
    public string? PermanentFailure { get; private set; }

    /// <summary>Posts dropped by noise rules, by reason (<c>repost</c>, <c>near-duplicate</c>, <c>blocked-author</c>, ...).</summary>
    public Dictionary<string, long> Dropped { get; } = new(StringComparer.Ordinal);

    /// <summary>Why this watch is not polled (a query the source cannot express); a problem, not a failure.</summary>
    public string? NotPolledReason { get; set; }

    public void Success(DateTimeOffset now, int posts, DateTimeOffset? newestPostAt)
    {
        Attempt(now);
        LastSuccessAt = now;
        PostsFetched += posts;
        if (newestPostAt is { } newest) Lag = now - newest;
        if (posts > 0) _recent.Enqueue((now, posts));
        ConsecutiveFailures = 0;
        PermanentFailure = null;
        NotPolledReason = null;
    }

    public void Failure(DateTimeOffset now, string error, bool permanent)
    {
        Attempt(now);
        LastErrorAt = now;
        LastError = error;
        ConsecutiveFailures++;
        if (permanent) PermanentFailure = error;
    }

    /// <summary>Records a gap reported by the source itself (a stream that was disconnected).</summary>
    public void Gap(DateTimeOffset from, DateTimeOffset to) => AddGap(new SourceGap(from, to, to - from));

    public int PostsLastHour(DateTimeOffset now)
    {
        while (_recent.TryPeek(out var oldest) && now - oldest.At > Hour) _recent.Dequeue();
        return _recent.Sum(r => r.Count);
    }

    /// <summary>Closed gaps, plus the open one when the next poll is overdue by more than two intervals.</summary>
    public IReadOnlyList<SourceGap> Gaps(DateTimeOffset now)
    {
        var open = OpenGap(now);
        return open is null ? _gaps.ToList() : [.. _gaps, open];
    }

    public SourceGap? OpenGap(DateTimeOffset now) =>
        Interval is { } interval && LastAttemptAt is { } last && !Disabled && now - last > 2 * interval
            ? new SourceGap(last, null, now - last)
            : null;

    /// <summary>The state of this track alone (a source's own state also looks at its watches).</summary>
    public SourceState OwnState(DateTimeOffset now)
    {
        if (Disabled) return SourceState.Disabled;
        if (PermanentFailure is not null || ConsecutiveFailures > 0) return SourceState.Failing;
        if (NotPolledReason is not null || OpenGap(now) is not null) return SourceState.Degraded;
        return LastSuccessAt is null ? SourceState.Idle : SourceState.Ok;
    }

    public SourceTargetStatus ToStatus(DateTimeOffset now) => new(
        Name, OwnState(now), LastSuccessAt, LastErrorAt, NotPolledReason ?? LastError, PostsFetched, Lag, PostsLastHour(now),
        ConsecutiveFailures, Gaps(now), PermanentFailure, Dropped.Count == 0 ? null : new Dictionary<string, long>(Dropped));

    private void Attempt(DateTimeOffset now)
    {
        if (Interval is { } interval && LastAttemptAt is { } last && now - last > 2 * interval)
        {
            AddGap(new SourceGap(last, now, now - last));
        }

        LastAttemptAt = now;
    }

    private void AddGap(SourceGap gap)
    {
        _gaps.Add(gap);
        if (_gaps.Count > MaxGaps) _gaps.RemoveAt(0);
    }
}
