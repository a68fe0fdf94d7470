using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Auth;

/// <summary>
/// The configured keys. Keys are compared as SHA-256 digests with a fixed-time comparison against every entry,
/// so neither the length nor the position of a match leaks through timing.
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly (byte[] Digest, ApiCaller Caller)[] _entries;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        var entries = new List<(byte[], ApiCaller)>();
        if (!string.IsNullOrEmpty(auth.AdminKey)) entries.Add((Digest(auth.AdminKey), new ApiCaller("admin", ApiRole.Admin, true)));
        foreach (var (name, key) in auth.Keys)
        {
            if (!string.IsNullOrEmpty(key.Key) && ApiRoles.TryParse(key.Role, out var role))
                entries.Add((Digest(key.Key), new ApiCaller(name, role, key.MayClaimSources || role == ApiRole.Admin)));
        }
        _entries = [.. entries];
    }

    /// <summary>The key's name, role and claim right, or null when no configured key matches.</summary>
    public ApiCaller? Resolve(string presented)
    {
        var digest = Digest(presented);
        ApiCaller? found = null;
        foreach (var entry in _entries)
        {
            // No early exit: every entry is compared whatever the outcome.
            if (CryptographicOperations.FixedTimeEquals(digest, entry.Digest)) found = entry.Caller;
        }
        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
