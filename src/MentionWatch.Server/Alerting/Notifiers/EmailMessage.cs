using System.Net;
using MentionWatch.Core.Alerts;
using MimeKit;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>The alert as a mail: subject with severity, rule and watch; a plain text part and an HTML part.</summary>
internal static class EmailMessage
{
    public static MimeMessage Build(EmailNotifierOptions options, AlertNotification n)
    {
        var message = new MimeMessage { Subject = Subject(n) };
        message.From.Add(options.From);
        message.To.AddRange(options.To);
        // One Message-ID per delivery, so a retry that did arrive twice is recognisable as the same mail.
        message.MessageId = $"{n.DeliveryId}@mentionwatch";
        message.Date = n.OccurredAt;
        message.Body = new BodyBuilder { TextBody = AlertText.PlainBody(n), HtmlBody = Html(n) }.ToMessageBody();
        return message;
    }

    public static string Subject(AlertNotification n) =>
        $"[{n.Alert.Severity.Name().ToUpperInvariant()}] {AlertText.RuleAndWatch(n.Alert)}: {AlertText.Event(n.Type)}: {n.Alert.Title}";

    private static string Html(AlertNotification n)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var alert = n.Alert;
        var mentions = string.Concat(AlertText.NewestMentions(alert).Select(m =>
            $"<li><b>{E(AlertText.Author(m))}</b> on {E(m.Source)} ({E(m.Sentiment)}): {E(AlertText.Snippet(m.Text))}" +
            (m.Url is null ? "" : $" <a href=\"{E(m.Url)}\">open</a>") + "</li>"));
        return $"<h2>{E(AlertText.Headline(n))}</h2><p>{E(alert.Summary)}</p>" +
            $"<p>Rule: {E(alert.Rule)} ({E(alert.RuleType)})<br>Watch: {E(alert.Watch ?? "-")}<br>Mentions: {alert.Count}</p>" +
            (mentions.Length == 0 ? "" : $"<ul>{mentions}</ul>");
    }
}
