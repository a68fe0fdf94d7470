using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// The webhook body, in one place so the engine and the docs show exactly what receivers get:
/// <c>{ type, occurredAt, deliveryId, alert: { ..., mentions: [...] } }</c>, camelCase, nulls kept so every field
/// is always present.
/// </summary>
internal static class AlertPayload
{
    public static string ToJson(AlertNotification notification) => ToNode(notification).ToJsonString();

    public static byte[] ToUtf8Bytes(AlertNotification notification) => Encoding.UTF8.GetBytes(ToJson(notification));

    public static JsonObject ToNode(AlertNotification notification) => new()
    {
        ["type"] = notification.Type.WireName(),
        ["occurredAt"] = notification.OccurredAt,
        ["deliveryId"] = notification.DeliveryId,
        ["alert"] = ToNode(notification.Alert),
    };

    /// <summary>The body's <c>alert</c> object alone; the live alert stream sends it as each event's data.</summary>
    public static JsonObject ToNode(Alert alert) => new()
    {
        ["id"] = alert.Id,
        ["rule"] = alert.Rule,
        ["ruleType"] = alert.RuleType,
        ["watch"] = alert.Watch,
        ["state"] = alert.State.Name(),
        ["severity"] = alert.Severity.Name(),
        ["count"] = alert.Count,
        ["title"] = alert.Title,
        ["summary"] = alert.Summary,
        ["openedAt"] = alert.OpenedAt,
        ["updatedAt"] = alert.UpdatedAt,
        ["acknowledgedAt"] = alert.AcknowledgedAt,
        ["resolvedAt"] = alert.ResolvedAt,
        ["mentions"] = new JsonArray(alert.Mentions.Select(Mention).ToArray<JsonNode?>()),
    };

    private static JsonObject Mention(AlertMention mention) => new()
    {
        ["id"] = mention.Id,
        ["source"] = mention.Source,
        ["externalId"] = mention.ExternalId,
        ["url"] = mention.Url,
        ["text"] = mention.Text,
        ["author"] = new JsonObject
        {
            ["handle"] = mention.Author.Handle,
            ["name"] = mention.Author.Name,
            ["followers"] = mention.Author.Followers,
        },
        ["createdAt"] = mention.CreatedAt,
        ["sentiment"] = mention.Sentiment,
        ["needsReply"] = mention.NeedsReply,
        ["needsReplyProbability"] = mention.NeedsReplyProbability,
    };
}
