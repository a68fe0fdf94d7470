namespace MentionWatch.Server.Sources.Kit;

/// <summary>Checks shared by the sources' option validators; each adds one message naming the full key.</summary>
internal static class SourceOptionsChecks
{
    /// <summary>An absolute http(s) URL whose host is not private unless <c>Sources:AllowPrivateTargets</c> is true.</summary>
    public static void Url(ICollection<string> failures, string key, string? value, SourceNetworkPolicy policy)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key} must be an absolute http or https URL, got '{value}'.");
            return;
        }

        if (PrivateTargetGuard.CheckConfiguredHost(uri.DnsSafeHost, policy.AllowPrivateTargets, SourceNetworkPolicy.Key) is { } refusal)
        {
            failures.Add($"{key}: {refusal}");
        }
    }

    /// <summary>A secret pasted with surrounding whitespace would be rejected by the API as a wrong credential.</summary>
    public static void Trimmed(ICollection<string> failures, string key, string? value)
    {
        if (value is { Length: > 0 } && value.Trim().Length != value.Length) failures.Add($"{key} has leading or trailing whitespace.");
    }
}
