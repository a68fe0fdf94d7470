using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Api;

/// <summary>The live streams (<c>GET /api/v1/mentions/stream</c>, <c>GET /api/v1/alerts/stream</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// After this many seconds without a frame the stream sends an SSE comment, so proxies with idle timeouts
    /// (often 60 s) keep quiet subscriptions open and clients can tell a dead connection from a quiet brand.
    /// </summary>
    [Range(1, 300)]
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// At most this many stored mentions are replayed to a mention-stream client that reconnects with
    /// <c>Last-Event-ID</c>; beyond it the stream says in a comment which ids it skipped and goes live.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxReplay { get; set; } = 10_000;
}
