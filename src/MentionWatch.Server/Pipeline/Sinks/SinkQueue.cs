using System.Threading.Channels;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline.Sinks;

/// <summary>One sink's bounded queue and the loop that drains it into the sink.</summary>
internal sealed partial class SinkQueue
{
    private readonly IMentionSink _sink;
    private readonly Channel<IReadOnlyList<Mention>> _channel;
    private readonly ILogger _logger;

    public SinkQueue(IMentionSink sink, int capacity, ILogger logger)
    {
        _sink = sink;
        _logger = logger;
        _channel = Channel.CreateBounded<IReadOnlyList<Mention>>(new BoundedChannelOptions(capacity)
        {
            FullMode = sink.Overflow == SinkOverflow.Wait ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public string Name => _sink.Name;

    /// <summary>Batches waiting for the sink.</summary>
    public int Depth => _channel.Reader.Count;

    /// <summary>Hands a batch to the sink's queue; waits only for a <see cref="SinkOverflow.Wait"/> sink whose queue is full.</summary>
    public ValueTask EnqueueAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken) =>
        _channel.Writer.TryWrite(mentions) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(mentions, cancellationToken);

    public void Complete() => _channel.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var batch in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await _sink.ConsumeAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogSinkFailed(ex, _sink.Name, batch.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink {Sink} failed on a batch of {Count} mentions; the next batch goes on")]
    private partial void LogSinkFailed(Exception ex, string sink, int count);
}
