using System.Threading.Channels;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Auth;

/// <summary>
/// Appends audit entries off the request path, in the order the requests finished.
/// </summary>
/// <remarks>
/// Every ingest request is a change, and appending its entry took the store's one writer: the answer waited behind the
/// pipeline's next transaction (tens of milliseconds with four senders), so each sender sent its next batch that much
/// later and the store stage sat idle waiting for batches (ingest-latency benchmark, docs/benchmarks.md). The change
/// itself is committed before its entry in either design; here the entry follows it by one queue hop instead of being
/// awaited by the caller. Readers call <see cref="FlushAsync"/> first, so a change already answered is always listed,
/// and stopping writes every queued entry before the store closes.
/// </remarks>
internal sealed partial class AuditWriter(IAuditLog log, ILogger<AuditWriter> logger) : IHostedService
{
    /// <summary>A full queue makes requests wait for the log rather than drop entries.</summary>
    private const int Capacity = 10_000;

    private readonly Channel<Queued> _queue = Channel.CreateBounded<Queued>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Either an entry to append or a reader waiting until everything queued before it is appended.</summary>
    private readonly record struct Queued(AuditEntry? Entry, TaskCompletionSource? Flushed);

    public async ValueTask EnqueueAsync(AuditEntry entry)
    {
        try
        {
            await _queue.Writer.WriteAsync(new Queued(entry, null));
        }
        catch (ChannelClosedException)
        {
            // Stopping: the queue is drained already, so this late entry is written directly.
            await AppendAsync(entry);
        }
    }

    /// <summary>Completes once every entry queued before this call is in the log.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Queued(null, flushed), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return;
        }
        await flushed.Task.WaitAsync(cancellationToken);
    }

    private Task _loop = Task.CompletedTask;

    /// <summary>
    /// Starts the loop that appends what is queued. Not a BackgroundService: its ExecuteAsync is started with the
    /// stopping token, so a stop that comes before the loop was first scheduled cancelled it unstarted, and every entry
    /// already queued was lost (seen in <c>AuditWriterTests</c>: 1 of 501 entries in the log).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(DrainAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes the queue and waits, up to the host's stop timeout, for the loop to write what is in it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_loop, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        // No token: stopping completes the queue, and the entries already in it are still written.
        await foreach (var item in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (item.Entry is { } entry) await AppendAsync(entry);
            item.Flushed?.TrySetResult();
        }
    }

    private async Task AppendAsync(AuditEntry entry)
    {
        try
        {
            // Not a request's token: a client that hangs up must not erase the record of what it did.
            await log.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogAuditFailed(ex, entry.Method, entry.Route, entry.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry for {Method} {Route} ({StatusCode}) could not be stored")]
    private partial void LogAuditFailed(Exception ex, string method, string route, int statusCode);
}
