using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit.Streaming;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// <c>Sources:X:Stream</c>: the filtered stream beside recent search. Reconnect waits follow X's guidance: linear
/// for network errors, exponential for HTTP errors, exponential from a minute for 429.
/// </summary>
public sealed class XStreamOptions
{
    public bool Enabled { get; set; }

    /// <summary>How often, while connected, the stream rules are re-synced with the watches.</summary>
    [Range(5, 86_400)]
    public int RulesSyncSeconds { get; set; } = 60;

    /// <summary>Network errors: this, times the attempt, up to 16 s.</summary>
    [Range(1, 60_000)]
    public int NetworkBackoffMilliseconds { get; set; } = 250;

    /// <summary>HTTP errors: this, doubled per attempt, up to 320 s.</summary>
    [Range(1, 600_000)]
    public int HttpErrorBackoffMilliseconds { get; set; } = 5_000;

    /// <summary>429: this, doubled per attempt, up to 15 minutes.</summary>
    [Range(1, 3_600_000)]
    public int RateLimitBackoffMilliseconds { get; set; } = 60_000;

    /// <summary>X sends a keep-alive newline every ~20 s: three missed ones are a dead connection.</summary>
    public StreamingOptions Streaming { get; set; } = new() { SilenceTimeoutSeconds = 60 };
}
