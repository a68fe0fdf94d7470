using System.Text;
using MentionWatch.Server.Alerting;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Api;

/// <summary>
/// Committed alert events as server-sent events: event <c>alert.triggered</c>, <c>alert.updated</c> ... with the
/// alert as data, in the shape of the webhook body's <c>alert</c> object. Live only: alert events carry no id to
/// resume from; a reconnecting client reads current alerts from the alerts API.
/// </summary>
internal sealed class AlertEventStream(AlertFeed feed, string? rule, string? watch, EventStreamServices services) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        // Subscribed before the headers go out, so a client that has them misses nothing published afterwards.
        using var subscription = feed.Subscribe();
        await EventStreamWriter.RunAsync(http, services, async events =>
        {
            while (await events.WaitToReadAsync(subscription.Reader))
            {
                var sent = false;
                while (subscription.Reader.TryRead(out var item))
                {
                    if (!Matches(item.Alert)) continue;
                    // JsonNode writes compact JSON, so the alert fits on one data line.
                    await events.WriteEventAsync(item.Type.WireName(), null, Encoding.UTF8.GetBytes(AlertPayload.ToNode(item.Alert).ToJsonString()));
                    sent = true;
                }
                if (sent) await events.FlushAsync();
            }
        });
    }

    private bool Matches(Alert alert) =>
        (rule is null || string.Equals(alert.Rule, rule, StringComparison.OrdinalIgnoreCase))
        && (watch is null || string.Equals(alert.Watch, watch, StringComparison.OrdinalIgnoreCase));
}
