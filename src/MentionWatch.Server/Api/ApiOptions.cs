using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Api;

/// <summary>Limits of the HTTP API.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Larger request bodies get 413.</summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxPostsPerIngest { get; set; } = 10_000;

    /// <summary>Largest <c>limit</c> for /mentions; the SQLite store serves at most 1,000 per page.</summary>
    [Range(1, 1_000)]
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>Longer URLs (path and query string) get a 414 ProblemDetails naming the longest parameter.</summary>
    [Range(1_024, 512 * 1024)]
    public int MaxUrlLength { get; set; } = 16 * 1024;
}
