using System.Net.Http.Headers;
using System.Globalization;
using MentionWatch.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>POSTs <see cref="AlertPayload"/> to a URL, signed the Standard Webhooks way when a secret is set.</summary>
internal sealed class WebhookNotifier(
    string name, WebhookNotifierOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<WebhookNotifier> logger) : IAlertNotifier
{
    private readonly string[] _secrets = options.Secret is null ? [] : [options.Secret];

    public string Name => name;

    public string Type => "webhook";

    public IReadOnlyDictionary<string, string?> Describe() => new Dictionary<string, string?>
    {
        ["type"] = Type,
        ["url"] = DescribeUrl(options.Url),
        ["secret"] = SecretText.Masked(options.Secret),
        ["timeoutSeconds"] = options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<DeliveryResult> SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        var body = AlertPayload.ToUtf8Bytes(notification);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var result = await NotifierHttp.SendAsync(
            clients.CreateClient(NotifierHttp.ClientName),
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add("webhook-id", notification.DeliveryId);
                request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                if (options.SigningKey is { } key)
                {
                    request.Headers.Add("webhook-signature", WebhookSignature.Sign(key, notification.DeliveryId, timestamp, body));
                }

                return request;
            },
            options.Timeout,
            time,
            _secrets,
            cancellationToken).ConfigureAwait(false);
        return logger.Attempted(this, notification, result);
    }

    // A query string often carries a token: show that there is one, not what it is.
    private static string DescribeUrl(Uri url) =>
        $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" + (string.IsNullOrEmpty(url.Query) ? "" : "?" + SecretText.Mask);
}
