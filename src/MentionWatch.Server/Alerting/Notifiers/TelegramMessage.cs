using System.Globalization;
using System.Text;
using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>The Telegram message in the Bot API's HTML parse mode (only &amp;, &lt; and &gt; need escaping).</summary>
internal static class TelegramMessage
{
    // sendMessage accepts at most 4096 characters after entity parsing; stay well under it.
    private const int MaxChars = 3_800;

    public static string Build(AlertNotification n)
    {
        var alert = n.Alert;
        var text = new StringBuilder();
        text.Append("<b>").Append(Escape(AlertText.Headline(n))).Append("</b>\n");
        text.Append(Escape(AlertText.Snippet(alert.Summary, 1_000))).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Rule: {Escape(alert.Rule)} · Watch: {Escape(alert.Watch ?? "-")} · Mentions: {alert.Count}\n");
        foreach (var m in AlertText.NewestMentions(alert))
        {
            var who = Escape(AlertText.Author(m));
            var link = m.Url is null ? who : $"<a href=\"{Escape(m.Url).Replace("\"", "&quot;")}\">{who}</a>";
            var line = $"\n{link} on {Escape(m.Source)}: {Escape(AlertText.Snippet(m.Text, 400))}\n";
            // Whole lines only: a cut inside a tag would make Telegram refuse the message.
            if (text.Length + line.Length > MaxChars) break;
            text.Append(line);
        }

        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
