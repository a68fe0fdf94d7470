using System.Collections.Concurrent;

namespace MentionWatch.Server.Sources;

/// <summary>What GET /api/v1/sources reports for one source.</summary>
public sealed record SourceStatus(
    string Name,
    string State,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastErrorAt,
    string? LastError,
    long PostsFetched,
    TimeSpan? Lag);

/// <summary>
/// Sources report every fetch here; the API reads a snapshot. Lag is the time between the newest post a
/// source has delivered and the moment it was fetched.
/// </summary>
public sealed class SourceStatusRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SourceStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes a configured source visible before its first fetch.</summary>
    public void Register(string name, string state = "idle") =>
        _statuses.TryAdd(name, new SourceStatus(name, state, null, null, null, 0, null));

    public void ReportSuccess(string name, int postsFetched, DateTimeOffset? newestPostAt)
    {
        var now = timeProvider.GetUtcNow();
        _statuses.AddOrUpdate(
            name,
            _ => new SourceStatus(name, "ok", now, null, null, postsFetched, newestPostAt is null ? null : now - newestPostAt),
            (_, old) => old with
            {
                State = "ok",
                LastSuccessAt = now,
                PostsFetched = old.PostsFetched + postsFetched,
                Lag = newestPostAt is null ? old.Lag : now - newestPostAt,
            });
    }

    public void ReportError(string name, string error, string state = "error")
    {
        var now = timeProvider.GetUtcNow();
        _statuses.AddOrUpdate(
            name,
            _ => new SourceStatus(name, state, null, now, error, 0, null),
            (_, old) => old with { State = state, LastErrorAt = now, LastError = error });
    }

    public IReadOnlyList<SourceStatus> Snapshot() => _statuses.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
}
