using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Sources.Kit.Streaming;

/// <summary>Reconnect and watchdog settings every streaming source shares (bound inside its own section).</summary>
public sealed class StreamingOptions
{
    /// <summary>First wait before reconnecting; doubles per failed attempt (with jitter) up to <see cref="ReconnectMaxDelaySeconds"/>.</summary>
    [Range(1, 600_000)]
    public int ReconnectBaseDelayMilliseconds { get; set; } = 1_000;

    [Range(1, 3_600)]
    public int ReconnectMaxDelaySeconds { get; set; } = 300;

    /// <summary>Reconnect when nothing at all (not even a heartbeat) arrived for this long.</summary>
    [Range(1, 3_600)]
    public int SilenceTimeoutSeconds { get; set; } = 90;

    /// <summary>Gaps shorter than this are not backfilled (a quick reconnect loses nothing the stream does not replay).</summary>
    [Range(0, 86_400)]
    public int BackfillMinimumGapSeconds { get; set; } = 5;
}
