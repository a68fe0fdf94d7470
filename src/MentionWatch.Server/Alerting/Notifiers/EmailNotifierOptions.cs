using MailKit.Security;
using MimeKit;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// <c>type: email</c>: <c>Host</c>, <c>Port</c> (by Security: 465 ssl, 25 none, else 587),
/// <c>Security</c> (<c>none</c> | <c>starttls</c> | <c>ssl</c> | <c>auto</c>), <c>Username</c>, <c>Password</c> (secret),
/// <c>From</c>, <c>To</c> (a list), <c>TimeoutSeconds</c> (30).
/// </summary>
internal sealed record EmailNotifierOptions(
    string Host, int Port, string Security, SecureSocketOptions SocketOptions, string? Username, string? Password,
    MailboxAddress From, IReadOnlyList<MailboxAddress> To, TimeSpan Timeout)
{
    private static readonly Dictionary<string, SecureSocketOptions> SecurityModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = SecureSocketOptions.None,
        ["starttls"] = SecureSocketOptions.StartTls,
        ["ssl"] = SecureSocketOptions.SslOnConnect,
        ["auto"] = SecureSocketOptions.Auto,
    };

    public static EmailNotifierOptions? Read(NotifierSettings s)
    {
        var host = s.String("Host", required: true);
        if (host is not null && PrivateTargetGuard.CheckConfiguredHost(host, s.AllowPrivateTargets) is { } refusal)
        {
            s.Problem("Host", refusal);
        }

        var security = (s.String("Security") ?? "auto").ToLowerInvariant();
        if (!SecurityModes.TryGetValue(security, out var socketOptions))
        {
            s.Problem("Security", "must be one of none, starttls, ssl, auto.");
        }

        var port = s.Int("Port", security switch { "ssl" => 465, "none" => 25, _ => 587 }, 1, 65_535);
        var username = s.String("Username");
        var password = s.String("Password");
        if ((username is null) != (password is null))
        {
            s.Problem(username is null ? "Username" : "Password", "is required when the other of Username and Password is set.");
        }

        var from = Address(s, "From", s.String("From", required: true));
        var toList = s.List("To");
        if (toList.Count == 0) s.Problem("To", "needs at least one address.");
        var to = toList.Select(t => Address(s, "To", t)).ToArray();
        var timeout = s.Timeout(30);
        return s.IsValid
            ? new EmailNotifierOptions(host!, port, security, socketOptions, username, password, from!, to!, timeout)
            : null;
    }

    private static MailboxAddress? Address(NotifierSettings s, string key, string? text)
    {
        if (text is null) return null;
        if (MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@')) return address;
        s.Problem(key, $"'{text}' is not an e-mail address.");
        return null;
    }
}
