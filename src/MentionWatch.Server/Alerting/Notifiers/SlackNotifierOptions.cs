namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary><c>type: slack</c>: <c>WebhookUrl</c> (an incoming webhook; the URL is the secret), <c>TimeoutSeconds</c> (10).</summary>
internal sealed record SlackNotifierOptions(Uri WebhookUrl, TimeSpan Timeout)
{
    public static SlackNotifierOptions? Read(NotifierSettings s)
    {
        var url = s.Url("WebhookUrl");
        var timeout = s.Timeout(10);
        return s.IsValid ? new SlackNotifierOptions(url!, timeout) : null;
    }
}
