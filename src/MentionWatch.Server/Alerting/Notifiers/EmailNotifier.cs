using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MentionWatch.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// Sends the alert over SMTP with MailKit, connecting through <see cref="PrivateTargetGuard"/>. A 4xx reply
/// (421, 450, 451, 452: the server's "try later") and connection failures are transient; 5xx replies and failed
/// authentication are permanent.
/// </summary>
internal sealed class EmailNotifier(
    string name, EmailNotifierOptions options, PrivateTargetGuard guard, TimeProvider time, ILogger<EmailNotifier> logger) : IAlertNotifier
{
    private readonly string[] _secrets = options.Password is null ? [] : [options.Password];

    public string Name => name;

    public string Type => "email";

    public IReadOnlyDictionary<string, string?> Describe() => new Dictionary<string, string?>
    {
        ["type"] = Type,
        ["host"] = options.Host,
        ["port"] = options.Port.ToString(CultureInfo.InvariantCulture),
        ["security"] = options.Security,
        ["username"] = options.Username,
        ["password"] = SecretText.Masked(options.Password),
        ["from"] = options.From.ToString(),
        ["to"] = string.Join(", ", options.To.Select(t => t.ToString())),
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
        var ct = linked.Token;
        using var smtp = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            var socket = await guard.ConnectAsync(options.Host, options.Port, ct).ConfigureAwait(false);
            try
            {
                await smtp.ConnectAsync(socket, options.Host, options.Port, options.SocketOptions, ct).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (options.Username is not null)
            {
                await smtp.AuthenticateAsync(options.Username, options.Password ?? "", ct).ConfigureAwait(false);
            }

            var reply = await smtp.SendAsync(EmailMessage.Build(options, notification), ct).ConfigureAwait(false);
            await smtp.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
            return DeliveryResult.Accepted(250, "SMTP: " + SecretText.Shorten(reply));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"no SMTP answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            var detail = $"SMTP {code}: {SecretText.Shorten(ex.Message)}";
            return code is >= 400 and < 500 ? DeliveryResult.Transient(detail, code) : DeliveryResult.Permanent(detail, code);
        }
        catch (AuthenticationException ex)
        {
            return DeliveryResult.Permanent("SMTP authentication failed: " + SecretText.Shorten(ex.Message));
        }
        catch (PrivateTargetRefusedException ex)
        {
            return DeliveryResult.Permanent(ex.Message);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or TimeoutException or SslHandshakeException or ServiceNotConnectedException)
        {
            return DeliveryResult.Transient($"SMTP connection failed: {ex.GetType().Name}: {SecretText.Shorten(ex.Message)}");
        }
    }
}
