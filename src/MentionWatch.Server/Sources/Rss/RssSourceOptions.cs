using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Rss;

/// <summary>Configuration section <c>Sources:Rss</c>: RSS 2.0 / Atom feeds, polled when at least one feed is listed.</summary>
public sealed class RssSourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:Rss";

    /// <summary><c>Sources:Rss:Feeds:&lt;n&gt;:Url</c>.</summary>
    public List<RssFeedOptions> Feeds { get; set; } = [];

    [Range(10, 86_400)]
    public int PollIntervalSeconds { get; set; } = 300;

    /// <summary>Largest feed document read; a bigger one fails that poll.</summary>
    [Range(1_024, 100 * 1024 * 1024)]
    public int MaxFeedBytes { get; set; } = 10 * 1024 * 1024;

    protected internal override string ResilienceName => "rss";
}

/// <summary>One feed.</summary>
public sealed class RssFeedOptions
{
    public string? Url { get; set; }
}

/// <summary>Every feed URL absolute http(s), not private unless allowed, and listed once.</summary>
internal sealed class RssSourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<RssSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, RssSourceOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Feeds.Count; i++)
        {
            var key = $"{RssSourceOptions.SectionName}:Feeds:{i}:Url";
            var url = options.Feeds[i].Url;
            SourceOptionsChecks.Url(failures, key, url, policy);
            if (url is not null && !seen.Add(url.Trim())) failures.Add($"{key} lists '{url}' a second time.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
