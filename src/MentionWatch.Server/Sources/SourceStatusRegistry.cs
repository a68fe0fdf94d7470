namespace MentionWatch.Server.Sources;

/// <summary>
/// Sources report every poll here, per source and per watch (or feed); the API reads a snapshot. Lag is the time
/// between the newest post a source has delivered and the moment it was fetched. One source's failures only
/// ever change its own entry.
/// </summary>
public sealed class SourceStatusRegistry(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _sources = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes a configured source visible before its first poll; <paramref name="interval"/> enables gap detection.</summary>
    public void Register(string name, TimeSpan? interval = null)
    {
        lock (_gate)
        {
            var entry = Get(name);
            entry.Own.Disabled = false;
            if (interval is not null) entry.Own.Interval = interval;
        }
    }

    /// <summary>Shows the source as <see cref="SourceState.Disabled"/> with the reason (e.g. no credentials).</summary>
    public void RegisterDisabled(string name, string reason)
    {
        lock (_gate)
        {
            var entry = Get(name);
            entry.Own.Disabled = true;
            entry.DisabledReason = reason;
            entry.Targets.Clear();
        }
    }

    public void ReportSuccess(string name, int postsFetched, DateTimeOffset? newestPostAt, string? watch = null)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var entry = Get(name);
            entry.Own.Success(now, postsFetched, newestPostAt);
            if (watch is not null) entry.Target(watch).Success(now, postsFetched, newestPostAt);
        }
    }

    /// <summary>A failed poll; <paramref name="permanent"/> marks failures that retrying cannot fix (401/403, bad configuration).</summary>
    public void ReportError(string name, string error, string? watch = null, bool permanent = false)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var entry = Get(name);
            entry.Own.Failure(now, error, permanent);
            if (watch is not null) entry.Target(watch).Failure(now, error, permanent);
        }
    }

    /// <summary>A watch the source cannot poll (its query cannot be expressed there): shown as degraded with the reason.</summary>
    public void ReportNotPolled(string name, string watch, string reason)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var entry = Get(name);
            entry.Target(watch).NotPolledReason = reason;
            entry.LastProblemAt = now;
            entry.LastProblem = reason;
        }
    }

    /// <summary>A post a watch's noise rules dropped: counted on the source and on the watch, by reason.</summary>
    public void ReportDropped(string name, string watch, string reason)
    {
        lock (_gate)
        {
            var entry = Get(name);
            entry.Own.Dropped[reason] = entry.Own.Dropped.GetValueOrDefault(reason) + 1;
            var target = entry.Target(watch);
            target.Dropped[reason] = target.Dropped.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>A stretch in which the source delivered nothing because it was disconnected.</summary>
    public void ReportGap(string name, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate) Get(name).Own.Gap(from, to);
    }

    /// <summary>Keeps only these watches' entries (deleted watches disappear from /sources).</summary>
    public void RetainWatches(string name, IReadOnlySet<string> watches)
    {
        lock (_gate)
        {
            var entry = Get(name);
            foreach (var gone in entry.Targets.Keys.Where(k => !watches.Contains(k)).ToList()) entry.Targets.Remove(gone);
        }
    }

    /// <summary>True once the source failed in a way retrying cannot fix; its polls stop until a restart.</summary>
    public bool IsPermanentlyFailed(string name)
    {
        lock (_gate) return _sources.TryGetValue(name, out var e) && e.Own.PermanentFailure is not null;
    }

    public IReadOnlyList<SourceStatus> Snapshot()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            return _sources.Values.OrderBy(e => e.Own.Name, StringComparer.Ordinal).Select(e => e.ToStatus(now)).ToList();
        }
    }

    private Entry Get(string name)
    {
        if (!_sources.TryGetValue(name, out var entry)) _sources[name] = entry = new Entry(name);
        return entry;
    }

    private sealed class Entry(string name)
    {
        public SourceHealthTrack Own { get; } = new(name);
        public Dictionary<string, SourceHealthTrack> Targets { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string? DisabledReason { get; set; }
        public DateTimeOffset? LastProblemAt { get; set; }
        public string? LastProblem { get; set; }

        public SourceHealthTrack Target(string watch)
        {
            if (!Targets.TryGetValue(watch, out var track))
            {
                Targets[watch] = track = new SourceHealthTrack(watch) { Interval = Own.Interval };
            }

            return track;
        }

        public SourceStatus ToStatus(DateTimeOffset now)
        {
            var watches = Targets.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => t.ToStatus(now)).ToList();
            var gaps = Own.Gaps(now).Concat(watches.SelectMany(w => w.Gaps)).OrderBy(g => g.From).TakeLast(10).ToList();
            var lastError = Own.LastError;
            var lastErrorAt = Own.LastErrorAt;
            if (LastProblemAt is { } problemAt && (lastErrorAt is null || problemAt > lastErrorAt))
            {
                (lastError, lastErrorAt) = (LastProblem, problemAt);
            }

            return new SourceStatus(
                Own.Name, State(now, watches), Own.LastSuccessAt, lastErrorAt, Own.Disabled ? DisabledReason : lastError,
                Own.PostsFetched, Own.Lag, Own.PostsLastHour(now),
                Math.Max(Own.ConsecutiveFailures, watches.Select(w => w.ConsecutiveFailures).DefaultIfEmpty(0).Max()),
                gaps, Own.PermanentFailure, watches, Own.Dropped.Count == 0 ? null : new Dictionary<string, long>(Own.Dropped));
        }

        private SourceState State(DateTimeOffset now, IReadOnlyList<SourceTargetStatus> watches)
        {
            if (Own.Disabled) return SourceState.Disabled;
            if (Own.PermanentFailure is not null) return SourceState.Failing;
            if (watches.Count == 0) return Own.OwnState(now);
            if (watches.Any(w => w.State == SourceState.Failing))
            {
                // Some watches failing while others deliver is degraded; nothing delivering is failing.
                return watches.Any(w => w.State == SourceState.Ok) ? SourceState.Degraded : SourceState.Failing;
            }

            if (watches.Any(w => w.State == SourceState.Degraded) || Own.OpenGap(now) is not null) return SourceState.Degraded;
            return watches.Any(w => w.State == SourceState.Ok) ? SourceState.Ok : Own.OwnState(now);
        }
    }
}
