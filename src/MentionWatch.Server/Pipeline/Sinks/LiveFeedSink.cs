using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline.Sinks;

/// <summary>The live feed as a sink: viewers must never slow ingest, so when the feed falls behind its oldest batches go.</summary>
internal sealed class LiveFeedSink(LiveFeed feed) : IMentionSink
{
    public string Name => "live-feed";

    public SinkOverflow Overflow => SinkOverflow.DropOldest;

    public Task ConsumeAsync(IReadOnlyList<Mention> mentions, CancellationToken cancellationToken)
    {
        feed.Publish(mentions);
        return Task.CompletedTask;
    }
}
