using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Auth;

/// <summary>API keys: <c>Auth:AdminKey</c> plus named keys <c>Auth:Keys:&lt;name&gt;:Key</c> / <c>:Role</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    internal const int MinKeyLength = 16;

    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:AdminKey is required (env Auth__AdminKey); there is no default key.")]
    [MinLength(MinKeyLength, ErrorMessage = "Auth:AdminKey must be at least 16 characters long.")]
    public string? AdminKey { get; set; }

    public Dictionary<string, ApiKeyConfig> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Failed authentications one client address may make in a fixed one-minute window; once used up, every API request
    /// from that address (whatever its key) gets 429 until the window ends.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Auth:FailedAttemptsPerMinute must be from 1 to 100000.")]
    public int FailedAttemptsPerMinute { get; set; } = 20;
}

public sealed class ApiKeyConfig
{
    public string? Key { get; set; }
    public string? Role { get; set; }

    /// <summary>May ingest posts under a crawler's source name or as a watched brand's own post (admin keys always may).</summary>
    public bool MayClaimSources { get; set; }
}
