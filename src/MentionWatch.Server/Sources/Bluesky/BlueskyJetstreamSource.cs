using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Net;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Bluesky;

/// <summary>
/// Bluesky through Jetstream (<c>/subscribe?wantedCollections=app.bsky.feed.post</c>): every created post is matched
/// locally and only matching ones are submitted. The cursor is the last event's <c>time_us</c>, stored with the posts
/// (and at least every <see cref="BlueskySourceOptions.CursorCommitSeconds"/>); a reconnect resumes with
/// <c>&amp;cursor=</c>, so nothing is lost and replayed posts are dropped as duplicates (at-least-once).
/// </summary>
internal sealed partial class BlueskyJetstreamSource(
    IOptions<BlueskySourceOptions> options, LocalWatchFilter filter, BlueskyHandles handles, SourceNetworkPolicy network, TimeProvider time,
    ILogger<BlueskyJetstreamSource> logger) : IStreamingSource
{
    public const string SourceName = "bluesky";

    /// <summary>Posts in one batch at most (a busy socket is drained in batches of this size).</summary>
    private const int MaxBatch = 200;

    public string Name => SourceName;
    public string? DisabledReason => options.Value.Enabled ? null : "Sources:Bluesky:Enabled is false";
    public StreamingOptions Streaming => options.Value.Streaming;

    /// <summary>Events read and malformed events skipped since start (tests, benchmark).</summary>
    public long EventsRead => Interlocked.Read(ref _eventsRead);
    public long Malformed => Interlocked.Read(ref _malformed);
    private long _eventsRead, _malformed;

    public Uri SubscribeUri(string? cursor)
    {
        var root = options.Value.JetstreamUrl.TrimEnd('/');
        var uri = $"{root}/subscribe?wantedCollections={JetstreamEvents.PostCollection}";
        if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var us)) uri += "&cursor=" + us.ToString(CultureInfo.InvariantCulture);
        return new Uri(uri);
    }

    public async IAsyncEnumerable<StreamMessage> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(GuardedHttpHandler.Create(network.Guard()));
        await socket.ConnectAsync(SubscribeUri(cursor), invoker, cancellationToken).ConfigureAwait(false);
        var batch = new List<Post>();
        string? last = null, committed = cursor;
        var lastCommit = time.GetUtcNow();
        var commitEvery = TimeSpan.FromSeconds(o.CursorCommitSeconds);
        await foreach (var frame in WebSocketText.ReadAsync(socket, o.MaxMessageBytes, cancellationToken).ConfigureAwait(false))
        {
            if (!frame.IsIdle)
            {
                Interlocked.Increment(ref _eventsRead);
                if (Read(frame.Text!) is { } read)
                {
                    last = read.Cursor;
                    if (read.Post is { } post && filter.Matches(post)) batch.Add(post);
                }

                if (batch.Count < MaxBatch) continue;
            }

            // The socket has nothing more buffered (or the batch is full): submit what matched with its cursor.
            if (batch.Count > 0 || (last != committed && time.GetUtcNow() - lastCommit >= commitEvery))
            {
                yield return new StreamMessage(await handles.WithHandlesAsync(batch, cancellationToken).ConfigureAwait(false), last);
                batch = [];
                committed = last;
                lastCommit = time.GetUtcNow();
            }
            else
            {
                yield return StreamMessage.Heartbeat;
            }
        }
    }

    /// <summary>Jetstream replays from the stored cursor, so a reconnect has no gap to search.</summary>
    public Task<StreamMessage> BackfillAsync(StreamGap gap, string? cursor, CancellationToken cancellationToken) =>
        Task.FromResult(StreamMessage.Heartbeat);

    private (string Cursor, Post? Post)? Read(string json)
    {
        try
        {
            var (timeUs, post, identity) = JetstreamEvents.Read(json);
            if (identity is var (did, handle)) handles.Learn(did, handle);
            return (timeUs.ToString(CultureInfo.InvariantCulture), post);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or FormatException)
        {
            // One bad event never stops the stream: log it and keep reading.
            Interlocked.Increment(ref _malformed);
            LogMalformed(ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "bluesky Jetstream event skipped: {Reason}")]
    private partial void LogMalformed(string reason);
}
