using System.Collections.Concurrent;
using System.Threading.Channels;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline;

/// <summary>Fans stored mentions out to live viewers; a slow viewer loses its oldest updates, never blocks others.</summary>
public sealed class LiveFeed
{
    private const int PerViewerCapacity = 1_000;
    private readonly ConcurrentDictionary<Guid, Channel<Mention>> _viewers = new();

    public int ViewerCount => _viewers.Count;

    public Subscription Subscribe()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<Mention>(new BoundedChannelOptions(PerViewerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _viewers[id] = channel;
        return new Subscription(channel.Reader, () => _viewers.TryRemove(id, out _));
    }

    internal void Publish(IReadOnlyList<Mention> mentions)
    {
        foreach (var viewer in _viewers.Values)
        {
            foreach (var mention in mentions) viewer.Writer.TryWrite(mention);
        }
    }

    /// <summary>A viewer's queue; dispose it to stop receiving.</summary>
    public sealed class Subscription(ChannelReader<Mention> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<Mention> Reader { get; } = reader;
        public void Dispose() => unsubscribe();
    }
}
