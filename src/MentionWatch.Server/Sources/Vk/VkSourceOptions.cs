using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Vk;

/// <summary>Configuration section <c>Sources:Vk</c>: VK <c>newsfeed.search</c> with a service token, one target per watch.</summary>
public sealed class VkSourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:Vk";

    /// <summary>The app's service token; turns polling on.</summary>
    public string? AccessToken { get; set; }

    [Required]
    public string ApiVersion { get; set; } = "5.199";

    [Required]
    public string BaseUrl { get; set; } = "https://api.vk.com/method";

    [Range(30, 86_400)]
    public int PollIntervalSeconds { get; set; } = 300;

    /// <summary>Posts per page (VK accepts up to 200).</summary>
    [Range(1, 200)]
    public int Count { get; set; } = 200;

    [Range(1, 50)]
    public int MaxPagesPerRun { get; set; } = 5;

    [Range(1, 24 * 7)]
    public int InitialLookbackHours { get; set; } = 24;

    /// <summary>Wait after error 9 (flood control) before the one retry.</summary>
    [Range(1, 3_600)]
    public int FloodControlWaitSeconds { get; set; } = 60;

    protected internal override string ResilienceName => "vk";

    public override string ToString() => $"VkSourceOptions(BaseUrl={BaseUrl}, AccessToken={(string.IsNullOrEmpty(AccessToken) ? "<none>" : "***")})";
}

internal sealed class VkSourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<VkSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, VkSourceOptions options)
    {
        const string S = VkSourceOptions.SectionName;
        var failures = new List<string>();
        SourceOptionsChecks.Url(failures, $"{S}:BaseUrl", options.BaseUrl, policy);
        SourceOptionsChecks.Trimmed(failures, $"{S}:AccessToken", options.AccessToken);
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.ApiVersion ?? "", @"^\d+\.\d+$")) failures.Add($"{S}:ApiVersion must look like 5.199, got '{options.ApiVersion}'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
