using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// The Slack message: <c>text</c> (what notifications and old clients show) and Block Kit <c>blocks</c>: a header,
/// the alert's figures, one section per newest mention with a link, and the times.
/// </summary>
internal static class SlackMessage
{
    // Block Kit limits: header text 150 characters, section text 3000.
    private const int MaxHeader = 150;

    public static JsonObject Build(AlertNotification n)
    {
        var alert = n.Alert;
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut($"{AlertText.Event(n.Type)}: {alert.Title}", MaxHeader) },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = Markdown(Escape(alert.Summary)),
                ["fields"] = new JsonArray
                {
                    Markdown($"*Rule*\n{Escape(alert.Rule)}"),
                    Markdown($"*Watch*\n{Escape(alert.Watch ?? "-")}"),
                    Markdown($"*Severity*\n{alert.Severity.Name()}"),
                    Markdown($"*Mentions*\n{alert.Count}"),
                },
            },
        };
        foreach (var m in AlertText.NewestMentions(alert))
        {
            var who = m.Url is null ? Escape(AlertText.Author(m)) : $"<{m.Url}|{Escape(AlertText.Author(m))}>";
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["text"] = Markdown($"{who} on {Escape(m.Source)} ({Escape(m.Sentiment)}):\n>{Escape(AlertText.Snippet(m.Text))}"),
            });
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { Markdown($"{alert.State.Name()} · opened {alert.OpenedAt:u} · alert {alert.Id}") },
        });
        return new JsonObject { ["text"] = Escape(AlertText.Headline(n)), ["blocks"] = blocks };
    }

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = Cut(text, 3000) };

    // Slack's mrkdwn treats &, < and > as control characters; everything else goes as written.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
