namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>How secrets look outside the configuration: masked in Describe, scrubbed from error text.</summary>
internal static class SecretText
{
    public const string Mask = "********";

    /// <summary>The mask when a secret is set, null when it is not: never any part of the secret.</summary>
    public static string? Masked(string? secret) => string.IsNullOrEmpty(secret) ? null : Mask;

    /// <summary>
    /// <paramref name="text"/> with every secret replaced by the mask. Slack and Telegram put the secret in the URL,
    /// and exception messages may quote the URL.
    /// </summary>
    public static string Scrub(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            // Very short values (a Slack URL's bare "/" path) would mangle the text without protecting anything.
            if (secret.Length >= 6) text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    /// <summary>At most <paramref name="max"/> characters of a receiver's body, on one line.</summary>
    public static string Shorten(string text, int max = 300)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}
