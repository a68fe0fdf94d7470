using System.Collections.Concurrent;
using System.Threading.Channels;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting;

/// <summary>An alert event as the live stream sends it.</summary>
public sealed record AlertEvent(AlertEventType Type, Alert Alert);

/// <summary>Fans committed alert events out to live viewers (<c>GET /api/v1/alerts/stream</c>); a slow viewer loses its oldest events.</summary>
public sealed class AlertFeed
{
    private const int PerViewerCapacity = 1_000;
    private readonly ConcurrentDictionary<Guid, Channel<AlertEvent>> _viewers = new();

    public Subscription Subscribe()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<AlertEvent>(new BoundedChannelOptions(PerViewerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _viewers[id] = channel;
        return new Subscription(channel.Reader, () => _viewers.TryRemove(id, out _));
    }

    internal void Publish(IEnumerable<(AlertEventType Type, Alert Alert)> events)
    {
        foreach (var (type, alert) in events)
            foreach (var viewer in _viewers.Values)
                viewer.Writer.TryWrite(new AlertEvent(type, alert));
    }

    public sealed class Subscription(ChannelReader<AlertEvent> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<AlertEvent> Reader { get; } = reader;
        public void Dispose() => unsubscribe();
    }
}
