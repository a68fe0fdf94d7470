using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;

namespace MentionWatch.Server.Api;

/// <summary>
/// Stored mentions as server-sent events: event <c>mention</c>, <c>id</c> the mention's arrival number, the
/// mention's JSON as data. A client that sends <c>Last-Event-ID</c> first gets the matching mentions stored after
/// that arrival (at most <see cref="LiveOptions.MaxReplay"/>), oldest first, then the live ones, with no gap
/// and no repeat.
/// </summary>
internal sealed class MentionEventStream(
    LiveFeed feed, IMentionQueries store, LiveMentionFilter filter, long? lastEventId, EventStreamServices services) : IResult
{
    private const int ReplayPageSize = 500;

    public async Task ExecuteAsync(HttpContext http)
    {
        // Subscribed before the backlog is read: a mention stored meanwhile is in the backlog, the feed or both, never
        // in neither; the feed's copy of one already replayed is dropped by its arrival number. The first flush sends
        // the headers, so a client that has them is subscribed.
        using var subscription = feed.Subscribe();
        var json = http.SerializerOptions();
        await EventStreamWriter.RunAsync(http, services, async events =>
        {
            var position = lastEventId is { } after ? await ReplayAsync(events, after, json) : 0;
            while (await events.WaitToReadAsync(subscription.Reader))
            {
                var sent = false;
                while (subscription.Reader.TryRead(out var mention))
                {
                    // Arrival 0: a store that keeps no arrival order; such a mention can never have been replayed.
                    if (mention.Arrival != 0 && mention.Arrival <= position) continue;
                    position = Math.Max(position, mention.Arrival);
                    // A mention the filters reject is not a frame: the client has heard nothing, so the timer runs on.
                    if (!filter.Matches(mention)) continue;
                    await WriteAsync(events, mention, json);
                    sent = true;
                }
                if (sent) await events.FlushAsync();
            }
        });
    }

    /// <summary>Sends the matching mentions stored after <paramref name="after"/>; returns the arrival number it got to.</summary>
    private async Task<long> ReplayAsync(EventStreamWriter events, long after, JsonSerializerOptions json)
    {
        var limit = services.Live.Value.MaxReplay;
        var position = after;
        var sent = 0;
        while (true)
        {
            var page = await store.ReadArrivedAfterAsync(position, ReplayPageSize, events.CancellationToken);
            foreach (var mention in page)
            {
                if (filter.Matches(mention))
                {
                    if (sent == limit) return await SkipRestAsync(events, limit, position);
                    await WriteAsync(events, mention, json);
                    sent++;
                }
                position = mention.Arrival;
            }
            if (sent > 0) await events.FlushAsync();
            if (page.Count < ReplayPageSize) return position;
        }
    }

    /// <summary>The replay is capped so a client that was away for days cannot pin the store; it is told what it missed.</summary>
    private async Task<long> SkipRestAsync(EventStreamWriter events, int limit, long position)
    {
        var last = await store.LastArrivalAsync(events.CancellationToken);
        await events.WriteCommentAsync(
            $"replay limit of {limit} mentions reached: matching mentions with ids {position + 1} to {last} were skipped; " +
            "search GET /api/v1/mentions for them");
        await events.FlushAsync();
        return last;
    }

    private static ValueTask WriteAsync(EventStreamWriter events, Mention mention, JsonSerializerOptions json) =>
        events.WriteEventAsync("mention", mention.Arrival == 0 ? null : mention.Arrival, JsonSerializer.SerializeToUtf8Bytes(mention.ToDto(), json));
}
