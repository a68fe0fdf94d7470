using System.Net;

namespace MentionWatch.Server.Net;

/// <summary>The primary HTTP handler for outbound calls to configured targets: every connection goes through <see cref="PrivateTargetGuard"/>.</summary>
internal static class GuardedHttpHandler
{
    /// <summary>
    /// A handler that connects only to addresses the guard allows, including after redirects (each new connection
    /// passes the guard again), and decompresses gzip/brotli answers.
    /// </summary>
    public static SocketsHttpHandler Create(PrivateTargetGuard guard, bool followRedirects = false) => new()
    {
        ConnectCallback = guard.ConnectAsync,
        AllowAutoRedirect = followRedirects,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli | DecompressionMethods.Deflate,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    };
}
