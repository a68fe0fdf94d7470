namespace MentionWatch.Server.Auth;

/// <summary>What a key may do; each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Read mentions, trends, share of voice, watches and sources.</summary>
    Viewer = 1,
    /// <summary>Viewer plus export and ingest.</summary>
    Analyst = 2,
    /// <summary>Everything, including creating, changing and deleting watches.</summary>
    Admin = 3,
}

internal static class ApiRoles
{
    public static bool TryParse(string? text, out ApiRole role)
    {
        role = default;
        return !string.IsNullOrWhiteSpace(text)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out role)
            && Enum.IsDefined(role)
            && !int.TryParse(text, out _);
    }

    public static string Name(this ApiRole role) => role.ToString().ToLowerInvariant();
}
