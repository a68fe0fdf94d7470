using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// One Events API v2 event. Every event of an alert carries the same <c>dedup_key</c>, so PagerDuty folds updates
/// into the incident it opened and acknowledge/resolve close that one.
/// </summary>
internal static class PagerDutyEvent
{
    public const int MaxSummary = 1024;

    public static string Action(AlertEventType type) => type switch
    {
        AlertEventType.Acknowledged => "acknowledge",
        AlertEventType.Resolved => "resolve",
        // Updated and Escalated re-trigger: PagerDuty treats a trigger with a known dedup_key as an update.
        _ => "trigger",
    };

    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.Warning => "warning",
        _ => "info",
    };

    public static JsonObject Build(string routingKey, AlertNotification n)
    {
        var action = Action(n.Type);
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = action,
            ["dedup_key"] = n.Alert.DedupKey(),
        };
        if (action != "trigger") return body;

        var alert = n.Alert;
        var payload = new JsonObject
        {
            ["summary"] = Cut(AlertText.Headline(n), MaxSummary),
            ["source"] = "mentionwatch",
            ["severity"] = Severity(alert.Severity),
            ["timestamp"] = n.OccurredAt,
            ["group"] = alert.Rule,
            ["class"] = alert.RuleType,
            ["custom_details"] = Details(alert),
        };
        if (alert.Watch is not null) payload["component"] = alert.Watch;
        body["payload"] = payload;
        body["client"] = "MentionWatch";
        body["links"] = new JsonArray(AlertText.NewestMentions(alert)
            .Where(m => m.Url is not null)
            .Select(m => (JsonNode?)new JsonObject { ["href"] = m.Url, ["text"] = $"{AlertText.Author(m)} on {m.Source}" })
            .ToArray());
        return body;
    }

    private static JsonObject Details(Alert alert) => new()
    {
        ["count"] = alert.Count,
        ["state"] = alert.State.Name(),
        ["title"] = alert.Title,
        ["summary"] = alert.Summary,
        ["alert_id"] = alert.Id,
        ["opened_at"] = alert.OpenedAt,
        ["mentions"] = new JsonArray(AlertText.NewestMentions(alert).Select(m => (JsonNode?)new JsonObject
        {
            ["author"] = AlertText.Author(m),
            ["source"] = m.Source,
            ["text"] = AlertText.Snippet(m.Text, 500),
            ["url"] = m.Url,
            ["created_at"] = m.CreatedAt,
            ["sentiment"] = m.Sentiment,
        }).ToArray()),
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
