namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Settings of the Elasticsearch store, bound from <c>Storage:Elasticsearch</c>. <see cref="Validate"/> lists every
/// problem by its configuration key so a bad start names all of them at once.
/// </summary>
public sealed class ElasticsearchStoreOptions
{
    public const string Section = "Storage:Elasticsearch";

    /// <summary>Cluster nodes (absolute http/https URLs); requests fail over between them.</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>Base64 API key (the "encoded" value Elasticsearch returns). Exclusive with Username/Password.</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>PEM/DER file of the CA that signed the cluster's HTTP certificate (e.g. Elasticsearch's http_ca.crt).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>SHA-256 fingerprint of the cluster's CA or HTTP certificate (hex, colons allowed).</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Prefix of every index, data stream, template and policy name: lower case letters, digits, '-' and '_'.</summary>
    public string IndexPrefix { get; set; } = "mentionwatch";

    /// <summary>How soon a stored mention becomes searchable (the mentions' refresh_interval), e.g. "1s", "30s".</summary>
    public string RefreshInterval { get; set; } = "1s";

    /// <summary>
    /// When true every write waits until it is searchable (<c>refresh=wait_for</c>): read-your-writes for tests and
    /// tiny installations, at the cost of write latency up to <see cref="RefreshInterval"/>.
    /// </summary>
    public bool WaitForRefresh { get; set; }

    /// <summary>Most mentions in one _bulk request.</summary>
    public int BulkMaxDocs { get; set; } = 1000;

    /// <summary>Most bytes of NDJSON in one _bulk request (Elastic suggests a few MiB).</summary>
    public int BulkMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Attempts at a rejected (429) bulk item or request before the batch fails.</summary>
    public int BulkMaxRetries { get; set; } = 6;

    /// <summary>First backoff after a rejection; later ones grow exponentially with jitter.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 200;

    /// <summary>Timeout of one HTTP request.</summary>
    public int RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>Backing indices of the mentions data stream are deleted this many days after rollover; 0 keeps them.</summary>
    public int RetentionDays { get; set; }

    /// <summary>Every problem, each prefixed with its configuration key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Problem(string key, string message) => problems.Add($"{Section}:{key}: {message}");

        if (Urls is null || Urls.Count == 0) Problem("Urls", "at least one cluster URL is required (e.g. https://localhost:9200)");
        else
            for (var i = 0; i < Urls.Count; i++)
                if (!Uri.TryCreate(Urls[i], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    Problem($"Urls:{i}", $"'{Urls[i]}' is not an absolute http or https URL");
                else if (!string.IsNullOrEmpty(uri.UserInfo))
                    // Never echo it: the user info is a credential.
                    Problem($"Urls:{i}", "must not carry credentials; use ApiKey or Username/Password");

        var hasBasic = !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password);
        if (!string.IsNullOrEmpty(ApiKey) && hasBasic) Problem("ApiKey", "set either ApiKey or Username/Password, not both");
        if (hasBasic && string.IsNullOrEmpty(Username)) Problem("Username", "a Password needs a Username");
        if (hasBasic && string.IsNullOrEmpty(Password)) Problem("Password", "a Username needs a Password");

        if (!string.IsNullOrEmpty(CaCertificatePath) && !string.IsNullOrEmpty(CertificateFingerprint))
            Problem("CaCertificatePath", "set either CaCertificatePath or CertificateFingerprint, not both");
        if (!string.IsNullOrEmpty(CaCertificatePath) && !File.Exists(CaCertificatePath))
            Problem("CaCertificatePath", $"file '{CaCertificatePath}' does not exist");
        if (!string.IsNullOrEmpty(CertificateFingerprint) && !IsSha256Hex(CertificateFingerprint))
            Problem("CertificateFingerprint", "must be a SHA-256 fingerprint: 64 hex digits, colons allowed");

        if (string.IsNullOrEmpty(IndexPrefix) || IndexPrefix.Length > 100 || IndexPrefix[0] is '-' or '_'
            || !IndexPrefix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            Problem("IndexPrefix", "must be 1-100 lower case letters, digits, '-' or '_', not starting with '-' or '_'");
        if (!IsTimeValue(RefreshInterval)) Problem("RefreshInterval", $"'{RefreshInterval}' is not a time value such as 1s, 500ms or 1m");
        if (BulkMaxDocs is < 1 or > 100_000) Problem("BulkMaxDocs", "must be between 1 and 100000");
        if (BulkMaxBytes is < 64 * 1024 or > 100 * 1024 * 1024) Problem("BulkMaxBytes", "must be between 65536 and 104857600");
        if (BulkMaxRetries is < 0 or > 100) Problem("BulkMaxRetries", "must be between 0 and 100");
        if (RetryBaseDelayMilliseconds is < 1 or > 60_000) Problem("RetryBaseDelayMilliseconds", "must be between 1 and 60000");
        if (RequestTimeoutSeconds is < 1 or > 3600) Problem("RequestTimeoutSeconds", "must be between 1 and 3600");
        if (RetentionDays is < 0 or > 36_500) Problem("RetentionDays", "must be between 0 (keep forever) and 36500");
        return problems;
    }

    private static bool IsSha256Hex(string value)
    {
        var hex = value.Replace(":", "", StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(Uri.IsHexDigit);
    }

    private static bool IsTimeValue(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        if (value == "-1") return true;
        var digits = value.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && value[digits..] is "ms" or "s" or "m" or "h" or "d";
    }
}
