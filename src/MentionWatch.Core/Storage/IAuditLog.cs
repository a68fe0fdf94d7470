namespace MentionWatch.Core.Storage;

/// <summary>Every change made through the API, kept durably beside the mentions and read back by admins.</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry; returns after it is durable.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Newest first within [from, to), at most <paramref name="limit"/>, continuing before <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, int limit, long? beforeId, CancellationToken cancellationToken);
}

/// <summary>
/// Who (the key's configured name, null when no valid key was sent) did what (method, route template, target) when, from
/// where (client address), with which outcome (HTTP status). <see cref="Id"/> is assigned by the log.
/// </summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string? Actor, string Method, string Route, string? Target, string? ClientAddress, int Status);
