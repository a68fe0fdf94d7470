using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// Configuration section <c>Sources:X</c>: the X API v2 recent search source. Polling starts only once
/// <see cref="BearerToken"/> is set.
/// </summary>
public sealed class XSourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:X";

    /// <summary>App-only bearer token. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Root of the X API; tests point it at a loopback server.</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://api.x.com";

    [Range(1, 86_400)]
    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>Tweets per page; X accepts 10 to 100 for recent search.</summary>
    [Range(10, 100)]
    public int MaxResults { get; set; } = 100;

    /// <summary>Pages fetched per run; a backlog beyond this resumes on the next run from the stored next_token.</summary>
    [Range(1, 100)]
    public int MaxPagesPerRun { get; set; } = 10;

    /// <summary><c>Sources:X:Stream</c>: the filtered stream, off by default.</summary>
    public XStreamOptions Stream { get; set; } = new();

    protected internal override string ResilienceName => "x";

    public bool HasBearerToken => !string.IsNullOrWhiteSpace(BearerToken);

    public override string ToString() => $"XSourceOptions(BaseUrl={BaseUrl}, BearerToken={(HasBearerToken ? "***" : "<none>")})";
}

/// <summary>Checks what DataAnnotations cannot: the base URL is an absolute http(s) URL that may be called, the token is trimmed.</summary>
internal sealed class XSourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<XSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, XSourceOptions options)
    {
        var failures = new List<string>();
        SourceOptionsChecks.Url(failures, $"{XSourceOptions.SectionName}:BaseUrl", options.BaseUrl, policy);
        SourceOptionsChecks.Trimmed(failures, $"{XSourceOptions.SectionName}:BearerToken", options.BearerToken);
        SourceOptionsChecks.Annotations(failures, "Sources:X:Stream", options.Stream);
        SourceOptionsChecks.Annotations(failures, "Sources:X:Stream:Streaming", options.Stream.Streaming);
        if (options.Stream.Enabled && !options.HasBearerToken) failures.Add("Sources:X:Stream:Enabled needs Sources:X:BearerToken.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
