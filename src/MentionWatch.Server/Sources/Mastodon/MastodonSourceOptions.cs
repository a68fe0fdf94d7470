using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Mastodon;

/// <summary>Configuration section <c>Sources:Mastodon</c>: one streaming connection per configured instance.</summary>
public sealed class MastodonSourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:Mastodon";

    public List<MastodonInstanceOptions> Instances { get; set; } = [];

    /// <summary>Search results per watch when a gap is backfilled (<c>/api/v2/search</c> accepts up to 40).</summary>
    [Range(1, 40)]
    public int BackfillLimit { get; set; } = 40;

    /// <summary>Search pages per term at most when a gap is backfilled; pages go back with <c>max_id</c> until they pass the gap.</summary>
    [Range(1, 50)]
    public int BackfillMaxPages { get; set; } = 5;

    public StreamingOptions Streaming { get; set; } = new() { SilenceTimeoutSeconds = 120 };

    protected internal override string ResilienceName => "mastodon";
}

/// <summary><c>Sources:Mastodon:Instances:{n}</c>.</summary>
public sealed class MastodonInstanceOptions
{
    /// <summary>The instance root, e.g. <c>https://mastodon.social</c>.</summary>
    public string? Url { get; set; }

    /// <summary>A token of an account on that instance (scope <c>read</c>); most instances require one for the public stream and for search.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Follow one hashtag (<c>/api/v1/streaming/hashtag?tag=</c>) instead of the whole public timeline.</summary>
    public string? Hashtag { get; set; }

    public override string ToString() => $"MastodonInstance({Url}, AccessToken={(string.IsNullOrEmpty(AccessToken) ? "<none>" : "***")})";
}

internal sealed class MastodonSourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<MastodonSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, MastodonSourceOptions options)
    {
        const string S = MastodonSourceOptions.SectionName;
        var failures = new List<string>();
        for (var i = 0; i < options.Instances.Count; i++)
        {
            var instance = options.Instances[i];
            SourceOptionsChecks.Url(failures, $"{S}:Instances:{i}:Url", instance.Url, policy);
            SourceOptionsChecks.Trimmed(failures, $"{S}:Instances:{i}:AccessToken", instance.AccessToken);
            if (instance.Hashtag is { } tag && (tag.Length == 0 || tag.Any(c => !char.IsLetterOrDigit(c) && c != '_')))
            {
                failures.Add($"{S}:Instances:{i}:Hashtag must be a hashtag without '#', got '{tag}'.");
            }
        }

        var duplicates = options.Instances.GroupBy(i => i.Url?.TrimEnd('/'), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1 && g.Key is not null);
        foreach (var duplicate in duplicates) failures.Add($"{S}:Instances lists {duplicate.Key} more than once.");
        SourceOptionsChecks.Annotations(failures, $"{S}:Streaming", options.Streaming);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
