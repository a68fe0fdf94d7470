namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary><c>type: webhook</c>: <c>Url</c>, optional <c>Secret</c> (<c>whsec_...</c>), <c>TimeoutSeconds</c> (10).</summary>
internal sealed record WebhookNotifierOptions(Uri Url, string? Secret, byte[]? SigningKey, TimeSpan Timeout)
{
    public static WebhookNotifierOptions? Read(NotifierSettings s)
    {
        var url = s.Url("Url");
        var secret = s.String("Secret");
        byte[]? key = null;
        if (secret is not null && (key = WebhookSignature.TryDecodeSecret(secret)) is null)
        {
            s.Problem("Secret", $"must be '{WebhookSignature.SecretPrefix}' followed by a base64-encoded key (Standard Webhooks).");
        }

        var timeout = s.Timeout(10);
        return s.IsValid ? new WebhookNotifierOptions(url!, secret, key, timeout) : null;
    }
}
