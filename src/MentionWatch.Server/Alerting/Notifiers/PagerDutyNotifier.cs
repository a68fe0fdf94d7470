using System.Globalization;
using System.Text;
using MentionWatch.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// Sends PagerDuty Events API v2 events to <c>/v2/enqueue</c>. PagerDuty answers 202 when it queued the event,
/// 400 when the event is invalid (sending it again cannot help), 429 when throttled, 5xx when it is in trouble.
/// </summary>
internal sealed class PagerDutyNotifier(
    string name, PagerDutyNotifierOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<PagerDutyNotifier> logger) : IAlertNotifier
{
    private readonly string[] _secrets = [options.RoutingKey];

    public string Name => name;

    public string Type => "pagerduty";

    public IReadOnlyDictionary<string, string?> Describe() => new Dictionary<string, string?>
    {
        ["type"] = Type,
        ["routingKey"] = SecretText.Mask,
        ["baseUrl"] = options.BaseUrl.GetLeftPart(UriPartial.Authority),
        ["timeoutSeconds"] = options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<DeliveryResult> SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        var body = PagerDutyEvent.Build(options.RoutingKey, notification).ToJsonString();
        var result = await NotifierHttp.SendAsync(
            clients.CreateClient(NotifierHttp.ClientName),
            () => new HttpRequestMessage(HttpMethod.Post, options.EnqueueUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            options.Timeout,
            time,
            _secrets,
            cancellationToken).ConfigureAwait(false);
        return logger.Attempted(this, notification, result);
    }
}
