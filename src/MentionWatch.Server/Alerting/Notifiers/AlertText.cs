using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>The human-readable wording shared by the chat, mail and paging notifiers, so they all say the same.</summary>
internal static class AlertText
{
    /// <summary>How many of the newest mentions a message shows.</summary>
    public const int MaxMentions = 5;

    public static string Event(AlertEventType type) => type switch
    {
        AlertEventType.Triggered => "New alert",
        AlertEventType.Updated => "Alert updated",
        AlertEventType.Acknowledged => "Alert acknowledged",
        AlertEventType.Resolved => "Alert resolved",
        AlertEventType.Escalated => "Alert escalated",
        _ => type.ToString(),
    };

    /// <summary><c>New alert [WARNING] negative-spike · voltik: Title</c></summary>
    public static string Headline(AlertNotification n) =>
        $"{Event(n.Type)} [{n.Alert.Severity.Name().ToUpperInvariant()}] {RuleAndWatch(n.Alert)}: {n.Alert.Title}";

    public static string RuleAndWatch(Alert alert) => alert.Watch is null ? alert.Rule : $"{alert.Rule} · {alert.Watch}";

    public static IEnumerable<AlertMention> NewestMentions(Alert alert) => alert.Mentions.Take(MaxMentions);

    public static string Author(AlertMention m) => "@" + m.Author.Handle.TrimStart('@');

    /// <summary>The mention text on one line, cut at <paramref name="max"/> characters.</summary>
    public static string Snippet(string text, int max = 280) => SecretText.Shorten(text, max);

    /// <summary>Plain text body used by e-mail and as the fallback elsewhere.</summary>
    public static string PlainBody(AlertNotification n)
    {
        var alert = n.Alert;
        var lines = new List<string>
        {
            Headline(n),
            "",
            alert.Summary,
            "",
            $"Rule: {alert.Rule} ({alert.RuleType})",
            $"Watch: {alert.Watch ?? "-"}",
            $"Severity: {alert.Severity.Name()}",
            $"State: {alert.State.Name()}",
            $"Mentions: {alert.Count}",
            $"Opened: {alert.OpenedAt:u}",
        };
        if (alert.Mentions.Count > 0)
        {
            lines.Add("");
            lines.Add("Newest mentions:");
            foreach (var m in NewestMentions(alert))
            {
                lines.Add($"- {Author(m)} on {m.Source}, {m.CreatedAt:u} ({m.Sentiment}): {Snippet(m.Text)}");
                if (m.Url is not null) lines.Add("  " + m.Url);
            }
        }

        lines.Add("");
        lines.Add($"Alert {alert.Id}, delivery {n.DeliveryId}");
        return string.Join("\n", lines);
    }
}
