using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Metrics;

/// <summary>The Prometheus endpoint <c>GET /metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>Serve <c>/metrics</c> without any key (only on a network where every client may read the figures).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>A key only for scraping (sent as <c>Authorization: Bearer</c> or <c>X-Api-Key</c>); every API key works too.</summary>
    [MinLength(16, ErrorMessage = "Metrics:Key must be at least 16 characters long.")]
    public string? Key { get; set; }
}
