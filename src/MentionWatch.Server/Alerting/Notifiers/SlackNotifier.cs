using System.Globalization;
using System.Text;
using MentionWatch.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// Posts to a Slack incoming webhook. Slack answers 200 <c>ok</c>, or a status with a short code as plain text
/// (<c>invalid_payload</c>, <c>invalid_token</c>, <c>no_service</c>, <c>channel_is_archived</c>): that text is the detail.
/// </summary>
internal sealed class SlackNotifier(
    string name, SlackNotifierOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<SlackNotifier> logger) : IAlertNotifier
{
    // The whole URL is the credential; its path alone is enough to post, so scrub both.
    private readonly string[] _secrets = [options.WebhookUrl.OriginalString, options.WebhookUrl.AbsoluteUri, options.WebhookUrl.PathAndQuery];

    public string Name => name;

    public string Type => "slack";

    public IReadOnlyDictionary<string, string?> Describe() => new Dictionary<string, string?>
    {
        ["type"] = Type,
        ["webhookUrl"] = SecretText.Mask,
        ["timeoutSeconds"] = options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<DeliveryResult> SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        var body = SlackMessage.Build(notification).ToJsonString();
        var result = await NotifierHttp.SendAsync(
            clients.CreateClient(NotifierHttp.ClientName),
            () => new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            options.Timeout,
            time,
            _secrets,
            cancellationToken).ConfigureAwait(false);
        return logger.Attempted(this, notification, result);
    }
}
