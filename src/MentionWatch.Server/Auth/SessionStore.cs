using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MentionWatch.Server.Auth;

/// <summary>One dashboard sign-in: who it is (the key's name and role, never the key) and the CSRF token its changes must carry.</summary>
internal sealed record DashboardSession(ApiCaller Caller, string CsrfToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Dashboard sessions in memory: an unguessable id (the HttpOnly cookie) maps to a caller. Sessions end after
/// <see cref="Lifetime"/> or at sign-out; a restart signs everyone out, which is acceptable for a first cut.
/// </summary>
internal sealed class SessionStore(TimeProvider time)
{
    public const string CookieName = "mw_session";
    public const string CsrfHeader = "X-CSRF-Token";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, DashboardSession> _sessions = new(StringComparer.Ordinal);

    public (string Id, DashboardSession Session) Open(ApiCaller caller)
    {
        PurgeExpired();
        var id = NewToken();
        var session = new DashboardSession(caller, NewToken(), time.GetUtcNow() + Lifetime);
        _sessions[id] = session;
        return (id, session);
    }

    /// <summary>The live session with this id, or null (unknown, expired or signed out).</summary>
    public DashboardSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session)) return null;
        if (session.ExpiresAt > time.GetUtcNow()) return session;
        _sessions.TryRemove(id, out _);
        return null;
    }

    public void Close(string? id)
    {
        if (!string.IsNullOrEmpty(id)) _sessions.TryRemove(id, out _);
    }

    /// <summary>Whether <paramref name="presented"/> is the session's CSRF token (fixed-time comparison).</summary>
    public static bool CsrfMatches(DashboardSession session, string? presented) =>
        !string.IsNullOrEmpty(presented)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(session.CsrfToken));

    private void PurgeExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
            if (session.ExpiresAt <= now) _sessions.TryRemove(id, out _);
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
