using System.Text.Json;
using System.Threading.Channels;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Pipeline;
using Microsoft.AspNetCore.Http.Features;

namespace MentionWatch.Server.Api;

/// <summary>
/// The live feed as server-sent events: each mention as event <c>mention</c> with the mention's JSON as data, and
/// a comment frame whenever nothing was sent for <paramref name="keepAlive"/>. Written by hand because the
/// framework's SSE result has no way to emit comments.
/// </summary>
internal sealed class MentionEventStream(
    LiveFeed feed, IReadOnlySet<string>? watches, TimeSpan keepAlive, TimeProvider time, CancellationToken stopping) : IResult
{
    // EventSource clients ignore comment lines; proxies see bytes and reset their idle timers.
    private static readonly byte[] KeepAliveFrame = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] MentionPrefix = "event: mention\ndata: "u8.ToArray();
    private static readonly byte[] FrameEnd = "\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        // Shutdown ends the stream too, rather than holding the host's graceful stop until its timeout.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        using var subscription = feed.Subscribe();
        try
        {
            await PumpAsync(subscription.Reader, response.Body, http.SerializerOptions(), ended.Token);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client went away or the service is stopping: the normal end of a live stream.
        }
    }

    private async Task PumpAsync(ChannelReader<Mention> reader, Stream body, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        using var idle = new IdleTimer(keepAlive, time, cancellationToken);
        // The timer is always restarted before a frame is written, so the quiet interval counts from the moment the
        // frame can reach the client, never later. The first flush sends the headers: the client is subscribed.
        idle.Restart();
        await body.FlushAsync(cancellationToken);
        Task<bool>? arrival = null;
        while (true)
        {
            // One pending wait is kept across keep-alives instead of starting a new one each time.
            arrival ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(arrival, idle.Elapsed) == idle.Elapsed)
            {
                await idle.Elapsed; // throws if the stream was cancelled
                idle.Restart();
                await body.WriteAsync(KeepAliveFrame, cancellationToken);
            }
            else
            {
                var open = await arrival;
                arrival = null;
                if (!open) return;
                var matching = TakeMatching(reader);
                // Mentions for other watches are not frames: the client has still heard nothing, so the timer runs on.
                if (matching.Count == 0) continue;
                idle.Restart();
                foreach (var mention in matching)
                {
                    // Compact JSON never contains a raw line break, so one data line carries the whole mention.
                    await body.WriteAsync(MentionPrefix, cancellationToken);
                    await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(mention.ToDto(), json), cancellationToken);
                    await body.WriteAsync(FrameEnd, cancellationToken);
                }
            }
            await body.FlushAsync(cancellationToken);
        }
    }

    private List<Mention> TakeMatching(ChannelReader<Mention> reader)
    {
        var matching = new List<Mention>();
        while (reader.TryRead(out var mention))
        {
            if (watches is null || mention.Watches.Any(watches.Contains)) matching.Add(mention);
        }
        return matching;
    }

    /// <summary>A restartable one-shot delay on the injected clock; restarting cancels the previous one.</summary>
    private sealed class IdleTimer(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken) : IDisposable
    {
        private CancellationTokenSource? _stop;

        public Task Elapsed { get; private set; } = Task.CompletedTask;

        public void Restart()
        {
            Stop();
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Elapsed = Task.Delay(interval, time, _stop.Token);
        }

        public void Dispose() => Stop();

        private void Stop()
        {
            _stop?.Cancel();
            _stop?.Dispose();
            _stop = null;
        }
    }
}
