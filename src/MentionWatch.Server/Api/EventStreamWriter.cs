using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

/// <summary>What every live stream needs from the host: the keep-alive interval, the clock, and shutdown.</summary>
internal sealed record EventStreamServices(IOptions<LiveOptions> Live, TimeProvider Time, IHostApplicationLifetime Lifetime);

/// <summary>
/// The server-sent-events side of every <c>/stream</c> endpoint: headers sent at once, a <c>retry</c> hint, event
/// frames, and a comment frame whenever nothing was sent for the keep-alive interval. Written by hand because the
/// framework's SSE result has no way to emit comments. One pump uses it at a time and awaits each write before the
/// next: frames are built in one reused buffer.
/// </summary>
internal sealed class EventStreamWriter
{
    /// <summary>How soon a browser's EventSource reconnects after the connection drops.</summary>
    public const int RetryMilliseconds = 2000;

    // EventSource clients ignore comment lines; proxies see bytes and reset their idle timers.
    private static readonly byte[] KeepAliveFrame = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] RetryFrame = Encoding.UTF8.GetBytes($"retry: {RetryMilliseconds}\n\n");

    private readonly Stream _body;
    private readonly IdleTimer _idle;
    private readonly ArrayBufferWriter<byte> _frame = new(1024);
    private bool _batchStarted;

    private EventStreamWriter(Stream body, IdleTimer idle, CancellationToken cancellationToken)
    {
        _body = body;
        _idle = idle;
        CancellationToken = cancellationToken;
    }

    /// <summary>Ends when the client goes away or the service stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Starts the response (headers and the retry hint, flushed at once) and runs <paramref name="pump"/> until it
    /// returns, the client goes away or the service stops; the last two are the normal end of a stream, not errors.
    /// </summary>
    public static async Task RunAsync(HttpContext http, EventStreamServices services, Func<EventStreamWriter, Task> pump)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        // Shutdown ends the stream too, rather than holding the host's graceful stop until its timeout.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, services.Lifetime.ApplicationStopping);
        using var idle = new IdleTimer(TimeSpan.FromSeconds(services.Live.Value.KeepAliveSeconds), services.Time, ended.Token);
        var writer = new EventStreamWriter(response.Body, idle, ended.Token);
        try
        {
            // The timer is always restarted before a frame is written, so the quiet interval counts from the moment
            // the frame can reach the client, never later.
            idle.Restart();
            await response.Body.WriteAsync(RetryFrame, ended.Token);
            await response.Body.FlushAsync(ended.Token);
            await pump(writer);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client went away or the service is stopping.
        }
    }

    /// <summary>
    /// Waits until <paramref name="reader"/> has something to read, sending keep-alive comments meanwhile; false
    /// when the channel is complete. Reading items that end up not being sent leaves the quiet interval running.
    /// </summary>
    public async Task<bool> WaitToReadAsync<T>(ChannelReader<T> reader)
    {
        // One pending wait is kept across keep-alives instead of starting a new one each time.
        var arrival = reader.WaitToReadAsync(CancellationToken).AsTask();
        while (await Task.WhenAny(arrival, _idle.Elapsed) != arrival)
        {
            await _idle.Elapsed; // throws if the stream was cancelled
            _idle.Restart();
            await _body.WriteAsync(KeepAliveFrame, CancellationToken);
            await _body.FlushAsync(CancellationToken);
        }
        return await arrival;
    }

    /// <summary>Writes one event; <paramref name="json"/> must be compact JSON (no raw line breaks), so one data line carries it.</summary>
    public ValueTask WriteEventAsync(string name, long? id, ReadOnlySpan<byte> json)
    {
        StartBatch();
        _frame.ResetWrittenCount();
        if (id is { } value) Append("id: " + value.ToString(CultureInfo.InvariantCulture) + "\n");
        Append("event: " + name + "\ndata: ");
        _frame.Write(json);
        Append("\n\n");
        return _body.WriteAsync(_frame.WrittenMemory, CancellationToken);
    }

    /// <summary>Writes a comment frame, which EventSource ignores; for people reading the raw stream.</summary>
    public ValueTask WriteCommentAsync(string text)
    {
        StartBatch();
        _frame.ResetWrittenCount();
        Append(": " + text.ReplaceLineEndings(" ") + "\n\n");
        return _body.WriteAsync(_frame.WrittenMemory, CancellationToken);
    }

    /// <summary>Sends what was written since the last flush.</summary>
    public Task FlushAsync()
    {
        _batchStarted = false;
        return _body.FlushAsync(CancellationToken);
    }

    private void StartBatch()
    {
        // Once per flushed batch, before its first frame: the quiet interval counts from the batch.
        if (_batchStarted) return;
        _batchStarted = true;
        _idle.Restart();
    }

    private void Append(string text) => _frame.Advance(Encoding.UTF8.GetBytes(text, _frame.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));

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
