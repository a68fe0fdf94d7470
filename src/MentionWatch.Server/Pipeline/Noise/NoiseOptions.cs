using System.Text.RegularExpressions;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline.Noise;

/// <summary>
/// A watch's noise rules as configuration (<c>Watches:{n}:Noise</c>) and the API (<c>noise</c> of a watch) write them.
/// Everything is off by default. A dropped post is still stored (so its links, e.g. a repost's original, stay), just
/// not under this watch.
/// </summary>
public sealed partial class NoiseOptions
{
    private const int MaxWindowMinutes = 7 * 24 * 60;

    /// <summary>False drops reposts (boosts, retweets, VK copies) from the watch; kept ones link to their original.</summary>
    public bool KeepReposts { get; set; } = true;

    /// <summary>Drops a post whose normalized text the watch already got within this many minutes (copy-paste campaigns); 0 is off.</summary>
    public int DuplicateWindowMinutes { get; set; }

    /// <summary>Author handles whose posts are dropped (case-insensitive, without @).</summary>
    public List<string> BlockedAuthors { get; set; } = [];

    /// <summary>Domains (and their subdomains) whose links, in the text or as the post URL, drop the post.</summary>
    public List<string> BlockedDomains { get; set; } = [];

    /// <summary>Drops posts whose spam score (0-1, see <see cref="SpamScore"/>) reaches this; 0 is off.</summary>
    public double MaxSpamScore { get; set; }

    /// <summary>Every problem, each as (field under <c>noise</c>, message); the same rules for configuration and the API.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (DuplicateWindowMinutes is < 0 or > MaxWindowMinutes)
            yield return ("duplicateWindowMinutes", $"noise.duplicateWindowMinutes {DuplicateWindowMinutes} must be between 0 (off) and {MaxWindowMinutes} (a week).");
        if (double.IsNaN(MaxSpamScore) || MaxSpamScore is < 0 or > 1)
            yield return ("maxSpamScore", $"noise.maxSpamScore {MaxSpamScore} must be between 0 (off) and 1.");
        if ((BlockedAuthors ?? []).Any(a => string.IsNullOrWhiteSpace(a?.TrimStart('@')) || a.Trim().Any(char.IsWhiteSpace)))
            yield return ("blockedAuthors", "noise.blockedAuthors must be handles without spaces.");
        foreach (var domain in (BlockedDomains ?? []).Where(d => !DomainPattern().IsMatch(d?.Trim() ?? "")))
            yield return ("blockedDomains", $"noise.blockedDomains '{domain}' is not a domain name like 'coupons.example'.");
    }

    /// <summary>The rules as the watch keeps them (trimmed, lower-case domains), or null when they drop nothing.</summary>
    public WatchNoise? ToNoise()
    {
        var noise = new WatchNoise
        {
            KeepReposts = KeepReposts,
            DuplicateWindowMinutes = DuplicateWindowMinutes,
            BlockedAuthors = (BlockedAuthors ?? []).Select(a => a.Trim().TrimStart('@')).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            BlockedDomains = (BlockedDomains ?? []).Select(d => d.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            MaxSpamScore = MaxSpamScore,
        };
        return noise.IsOff ? null : noise;
    }

    public static NoiseOptions? From(WatchNoise? noise) => noise is null ? null : new()
    {
        KeepReposts = noise.KeepReposts,
        DuplicateWindowMinutes = noise.DuplicateWindowMinutes,
        BlockedAuthors = [.. noise.BlockedAuthors],
        BlockedDomains = [.. noise.BlockedDomains],
        MaxSpamScore = noise.MaxSpamScore,
    };

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
