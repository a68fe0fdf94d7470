using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.HackerNews;

/// <summary>Configuration section <c>Sources:HackerNews</c>: Hacker News through Algolia's public HN Search API (no key).</summary>
public sealed class HackerNewsSourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:HackerNews";

    public bool Enabled { get; set; }

    [Required]
    public string BaseUrl { get; set; } = "https://hn.algolia.com";

    [Range(10, 86_400)]
    public int PollIntervalSeconds { get; set; } = 120;

    /// <summary>Hits per page (Algolia accepts up to 1,000).</summary>
    [Range(1, 1_000)]
    public int HitsPerPage { get; set; } = 100;

    /// <summary>Requests per poll of one watch; a longer backlog resumes on the next poll from the cursor.</summary>
    [Range(1, 1_000)]
    public int MaxRequestsPerRun { get; set; } = 50;

    /// <summary>How far back the first poll of a watch looks.</summary>
    [Range(1, 24 * 365)]
    public int InitialLookbackHours { get; set; } = 24;

    protected internal override string ResilienceName => "hackernews";
}

internal sealed class HackerNewsSourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<HackerNewsSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, HackerNewsSourceOptions options)
    {
        var failures = new List<string>();
        SourceOptionsChecks.Url(failures, $"{HackerNewsSourceOptions.SectionName}:BaseUrl", options.BaseUrl, policy);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
