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

    /// <summary>An absolute ws(s) URL whose host is not private unless allowed.</summary>
    public static void WebSocketUrl(ICollection<string> failures, string key, string? value, SourceNetworkPolicy policy)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "ws" && uri.Scheme != "wss"))
        {
            failures.Add($"{key} must be an absolute ws or wss URL, got '{value}'.");
            return;
        }

        if (PrivateTargetGuard.CheckConfiguredHost(uri.DnsSafeHost, policy.AllowPrivateTargets, SourceNetworkPolicy.Key) is { } refusal)
        {
            failures.Add($"{key}: {refusal}");
        }
    }

    /// <summary>DataAnnotations of a nested options object (ValidateDataAnnotations checks only the top level).</summary>
    public static void Annotations(ICollection<string> failures, string key, object? value)
    {
        if (value is null) return;
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(value, new(value), results, validateAllProperties: true);
        foreach (var result in results) failures.Add($"{key}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}");
    }
}
