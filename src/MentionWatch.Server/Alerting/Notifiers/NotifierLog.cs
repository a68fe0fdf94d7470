using MentionWatch.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>One log line per attempt, the same for every notifier. Details are already scrubbed of secrets.</summary>
internal static partial class NotifierLog
{
    public static DeliveryResult Attempted(this ILogger logger, IAlertNotifier notifier, AlertNotification notification, DeliveryResult result)
    {
        if (result.Outcome == DeliveryOutcome.Accepted)
        {
            Delivered(logger, notifier.Name, notifier.Type, notification.DeliveryId, notification.Alert.Id, result.StatusCode);
        }
        else
        {
            NotDelivered(
                logger, notifier.Name, notifier.Type, notification.DeliveryId, notification.Alert.Id, result.Outcome, result.StatusCode, result.Detail, result.RetryAfter);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notifier {Notifier} ({NotifierType}) delivered {DeliveryId} of alert {AlertId} (status {StatusCode})")]
    private static partial void Delivered(ILogger logger, string notifier, string notifierType, string deliveryId, long alertId, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifier {Notifier} ({NotifierType}) did not deliver {DeliveryId} of alert {AlertId}: {Outcome} (status {StatusCode}) {Detail}; retry after {RetryAfter}")]
    private static partial void NotDelivered(
        ILogger logger, string notifier, string notifierType, string deliveryId, long alertId, DeliveryOutcome outcome, int? statusCode, string detail, TimeSpan? retryAfter);
}
