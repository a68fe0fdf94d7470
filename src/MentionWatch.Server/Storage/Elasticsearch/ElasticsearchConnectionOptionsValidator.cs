using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Storage.Elasticsearch;

/// <summary>Every connection problem, each named by its key, so one failed start lists all of them.</summary>
internal sealed class ElasticsearchConnectionOptionsValidator : IValidateOptions<ElasticsearchConnectionOptions>
{
    private const string S = ElasticsearchConnectionOptions.Section;

    public ValidateOptionsResult Validate(string? name, ElasticsearchConnectionOptions options)
    {
        var problems = new List<string>();
        if (options.Urls is not { Count: > 0 })
            problems.Add($"{S}:Urls: at least one cluster URL is required (Storage__Elasticsearch__Urls__0=https://elasticsearch:9200).");
        else
            for (var i = 0; i < options.Urls.Count; i++)
                if (!IsHttpUrl(options.Urls[i])) problems.Add($"{S}:Urls:{i}: '{options.Urls[i]}' is not an absolute http or https URL.");

        var hasUser = !string.IsNullOrEmpty(options.Username);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (!string.IsNullOrEmpty(options.ApiKey) && (hasUser || hasPassword))
            problems.Add($"{S}:ApiKey: set either ApiKey or Username and Password, not both.");
        if (hasPassword && !hasUser) problems.Add($"{S}:Username: a Password needs a Username.");
        if (hasUser && !hasPassword) problems.Add($"{S}:Password: a Username needs a Password.");

        if (!string.IsNullOrEmpty(options.CaCertificatePath) && !string.IsNullOrEmpty(options.CertificateFingerprint))
            problems.Add($"{S}:CaCertificatePath: set either CaCertificatePath or CertificateFingerprint, not both.");
        if (!string.IsNullOrEmpty(options.CertificateFingerprint) && !IsSha256Hex(options.CertificateFingerprint))
            problems.Add($"{S}:CertificateFingerprint: must be a SHA-256 fingerprint (64 hex digits, colons allowed).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsSha256Hex(string value)
    {
        var hex = value.Replace(":", "", StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(Uri.IsHexDigit);
    }
}
