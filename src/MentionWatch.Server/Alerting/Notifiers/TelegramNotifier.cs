using System.Globalization;
using System.Net;
using MentionWatch.Core.Alerts;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// Sends the alert with Telegram.Bot's <c>SendMessage</c> over the guarded notifier HttpClient. The Bot API answers
/// <c>{ok:false, error_code, description, parameters:{retry_after}}</c>; 429 waits retry_after, 5xx retries,
/// 400/401/403/404 cannot succeed by retrying.
/// </summary>
internal sealed class TelegramNotifier(
    string name, TelegramNotifierOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<TelegramNotifier> logger) : IAlertNotifier
{
    // The token is in every request path (/bot<token>/sendMessage).
    private readonly string[] _secrets = [options.BotToken];

    public string Name => name;

    public string Type => "telegram";

    public IReadOnlyDictionary<string, string?> Describe() => new Dictionary<string, string?>
    {
        ["type"] = Type,
        ["botToken"] = SecretText.Mask,
        ["chatId"] = options.ChatId,
        ["baseUrl"] = options.BaseUrl.GetLeftPart(UriPartial.Authority),
        ["timeoutSeconds"] = options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<DeliveryResult> SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        var result = await AttemptAsync(notification, cancellationToken).ConfigureAwait(false);
        return logger.Attempted(this, notification, result with { Detail = SecretText.Scrub(result.Detail, _secrets) });
    }

    private async Task<DeliveryResult> AttemptAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            // Telegram.Bot would otherwise wait out short retry_after itself, on the real clock; the outbox retries.
            var botOptions = new TelegramBotClientOptions(options.BotToken, options.BaseUrl.GetLeftPart(UriPartial.Authority)) { RetryCount = 0 };
            var bot = new TelegramBotClient(botOptions, clients.CreateClient(NotifierHttp.ClientName));
            var message = await bot.SendMessage(
                ChatIdOf(options.ChatId),
                TelegramMessage.Build(notification),
                parseMode: ParseMode.Html,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                // Info alerts arrive silently; warnings and critical ones make a sound.
                disableNotification: notification.Alert.Severity == AlertSeverity.Info,
                cancellationToken: linked.Token).ConfigureAwait(false);
            return DeliveryResult.Accepted(200, $"message {message.MessageId}");
        }
        catch (ApiRequestException ex)
        {
            return FromApiError(ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"no answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (RequestException ex) when (FindRefusal(ex) is { } refused)
        {
            return DeliveryResult.Permanent(refused.Message);
        }
        catch (RequestException ex) when (ex.InnerException is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"no answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (RequestException ex)
        {
            // No Bot API JSON: a network failure or a proxy's error page.
            var status = ex.HttpStatusCode is { } code ? (int)code : (int?)null;
            var detail = status is null ? "network error: " + ex.Message : $"HTTP {status}: {ex.Message}";
            return status is null or 408 or 429 or >= 500 ? DeliveryResult.Transient(detail, status) : DeliveryResult.Permanent(detail, status);
        }
    }

    private static DeliveryResult FromApiError(ApiRequestException ex)
    {
        var detail = $"Telegram error {ex.ErrorCode}: {ex.Message}";
        return ex.ErrorCode switch
        {
            429 => DeliveryResult.Transient(detail, 429, ex.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
            408 or >= 500 => DeliveryResult.Transient(detail, ex.ErrorCode),
            _ => DeliveryResult.Permanent(detail, ex.ErrorCode),
        };
    }

    private static PrivateTargetRefusedException? FindRefusal(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is PrivateTargetRefusedException refused) return refused;
        }

        return null;
    }

    private static ChatId ChatIdOf(string chat) =>
        long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? new ChatId(id) : new ChatId(chat);
}
