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
}

public sealed class ApiKeyConfig
{
    public string? Key { get; set; }
    public string? Role { get; set; }
}
