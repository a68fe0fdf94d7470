namespace MentionWatch.Server.Storage.Elasticsearch;

/// <summary>
/// How to reach the cluster (<c>Storage:Elasticsearch</c>): the keys the Elasticsearch store reads to connect, checked
/// at start whenever <c>Storage:Provider=elasticsearch</c>. Same names as the store's own options
/// (MentionWatch.Storage.Elasticsearch), which add index and bulk settings.
/// </summary>
public sealed class ElasticsearchConnectionOptions
{
    public const string Section = StorageOptions.Section + ":Elasticsearch";

    /// <summary>Cluster nodes, absolute http or https URLs (<c>Storage:Elasticsearch:Urls:0</c>, ...).</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>Base64 API key (the "encoded" value Elasticsearch returns); exclusive with <see cref="Username"/>/<see cref="Password"/>.</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>PEM file of the CA that signed the cluster's HTTP certificate (Elasticsearch's http_ca.crt).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>SHA-256 fingerprint of the cluster's CA or HTTP certificate (hex, colons allowed); exclusive with <see cref="CaCertificatePath"/>.</summary>
    public string? CertificateFingerprint { get; set; }
}
