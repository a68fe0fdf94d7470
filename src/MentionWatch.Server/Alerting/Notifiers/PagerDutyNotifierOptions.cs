namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// <c>type: pagerduty</c> (Events API v2): <c>RoutingKey</c> (secret, the integration key),
/// <c>BaseUrl</c> (https://events.pagerduty.com), <c>TimeoutSeconds</c> (10).
/// </summary>
internal sealed record PagerDutyNotifierOptions(string RoutingKey, Uri BaseUrl, TimeSpan Timeout)
{
    public const string DefaultBaseUrl = "https://events.pagerduty.com";

    public Uri EnqueueUrl => new(BaseUrl, "/v2/enqueue");

    public static PagerDutyNotifierOptions? Read(NotifierSettings s)
    {
        var key = s.String("RoutingKey", required: true);
        if (key is not null && key.Any(char.IsWhiteSpace))
        {
            s.Problem("RoutingKey", "must not contain whitespace (it is the 32-character integration key).");
        }

        var baseUrl = s.Url("BaseUrl", defaultValue: DefaultBaseUrl);
        var timeout = s.Timeout(10);
        return s.IsValid ? new PagerDutyNotifierOptions(key!, baseUrl!, timeout) : null;
    }
}
