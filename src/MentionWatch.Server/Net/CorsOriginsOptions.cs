using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Net;

/// <summary>Browser origins allowed to call the API (<c>Cors:AllowedOrigins:0</c> ...); none configured means CORS is off.</summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>Each origin must be scheme://host[:port] with no path, so a typo fails the start instead of silently allowing nothing.</summary>
internal sealed class CorsOriginsOptionsValidator : IValidateOptions<CorsOriginsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOriginsOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            var ok = Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && uri.AbsolutePath == "/" && !origin.TrimEnd().EndsWith('/') && string.IsNullOrEmpty(uri.Query);
            if (!ok) problems.Add($"Cors:AllowedOrigins:{i} '{origin}' must be an origin such as https://dashboard.example.com (scheme, host, optional port; no path).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
