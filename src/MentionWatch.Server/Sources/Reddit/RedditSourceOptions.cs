using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Reddit;

/// <summary>
/// Configuration section <c>Sources:Reddit</c>: Reddit search with an application-only OAuth token (client
/// credentials of a "script" or "web" app). Polling starts once ClientId and ClientSecret are set.
/// </summary>
public sealed class RedditSourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:Reddit";

    public string? ClientId { get; set; }

    /// <summary>Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Reddit asks for <c>&lt;platform&gt;:&lt;app id&gt;:&lt;version&gt; (by /u/&lt;user&gt;)</c>; generic agents are throttled hard.</summary>
    public string? UserAgent { get; set; }

    [Required]
    public string BaseUrl { get; set; } = "https://oauth.reddit.com";

    [Required]
    public string TokenUrl { get; set; } = "https://www.reddit.com/api/v1/access_token";

    [Range(10, 86_400)]
    public int PollIntervalSeconds { get; set; } = 120;

    /// <summary>Pages of 100 posts per poll of one watch.</summary>
    [Range(1, 10)]
    public int MaxPagesPerRun { get; set; } = 3;

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    protected internal override string ResilienceName => "reddit";

    public override string ToString() => $"RedditSourceOptions(BaseUrl={BaseUrl}, ClientId={ClientId ?? "<none>"}, ClientSecret={(string.IsNullOrEmpty(ClientSecret) ? "<none>" : "***")})";
}

internal sealed class RedditSourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<RedditSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, RedditSourceOptions options)
    {
        var s = RedditSourceOptions.SectionName;
        var failures = new List<string>();
        SourceOptionsChecks.Url(failures, $"{s}:BaseUrl", options.BaseUrl, policy);
        SourceOptionsChecks.Url(failures, $"{s}:TokenUrl", options.TokenUrl, policy);
        SourceOptionsChecks.Trimmed(failures, $"{s}:ClientId", options.ClientId);
        SourceOptionsChecks.Trimmed(failures, $"{s}:ClientSecret", options.ClientSecret);
        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{s}:ClientId and {s}:ClientSecret must be set together.");
        }

        if (options.HasCredentials && string.IsNullOrWhiteSpace(options.UserAgent))
        {
            failures.Add($"{s}:UserAgent is required with credentials, e.g. 'server:mentionwatch:1.0 (by /u/yourname)'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
