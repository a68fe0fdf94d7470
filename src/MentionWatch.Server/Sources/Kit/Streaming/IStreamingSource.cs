using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Sources.Kit.Streaming;

/// <summary>
/// A source that holds a long-lived connection (X filtered stream, Bluesky Jetstream, Mastodon streaming).
/// <see cref="StreamingSourceHost{TSource}"/> connects through <see cref="ReadAsync"/>, submits what arrives with its
/// cursor, reconnects with backoff when the connection ends, fails or stays silent, and asks for a backfill after a gap.
/// </summary>
internal interface IStreamingSource
{
    /// <summary>Source name: stored on every post and used for the cursor key <c>{name}:stream</c>.</summary>
    string Name { get; }

    /// <summary>Null when the source should connect; otherwise why it is disabled.</summary>
    string? DisabledReason { get; }

    StreamingOptions Streaming { get; }

    /// <summary>Where the stream's cursor is stored; sources with several connections (one per instance) override it.</summary>
    string CursorKey => Name + ":stream";

    /// <summary>The entry under the source in /sources this connection reports to (an instance); null reports to the source itself.</summary>
    string? StatusTarget => null;

    /// <summary>
    /// The wait before reconnecting after <paramref name="error"/> (null when the server ended the stream or it went
    /// silent), for APIs that document their own backoff; null uses the host's exponential backoff.
    /// </summary>
    TimeSpan? ReconnectDelay(Exception? error, int failedAttempts) => null;

    /// <summary>
    /// Connects and yields every message as it arrives, heartbeats included (<see cref="StreamMessage.Heartbeat"/>),
    /// until the connection ends. <paramref name="cursor"/> is the last cursor stored, for APIs that can resume.
    /// </summary>
    IAsyncEnumerable<StreamMessage> ReadAsync(string? cursor, CancellationToken cancellationToken);

    /// <summary>Fetches what was missed while disconnected (e.g. through the source's search API); return an empty batch when the API has no way to.</summary>
    Task<StreamMessage> BackfillAsync(StreamGap gap, string? cursor, CancellationToken cancellationToken);
}

/// <summary>Posts (possibly none) that arrived together, and the cursor to store with them.</summary>
internal sealed record StreamMessage(IReadOnlyList<Post> Posts, string? Cursor)
{
    /// <summary>Keep-alive: proves the connection lives, carries nothing.</summary>
    public static readonly StreamMessage Heartbeat = new([], null);

    public bool IsHeartbeat => Posts.Count == 0 && Cursor is null;
}

/// <summary>The time the stream was not delivering: from the last message before the disconnect to the reconnect.</summary>
internal sealed record StreamGap(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;
}
