using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline.Noise;

/// <summary>
/// A watch's noise rules as configuration (<c>Watches:{n}:Noise</c>) and the API (<c>noise</c> of a watch) write them.
/// Everything is off by default. A dropped post is still stored (so its links, e.g. a repost's original, stay), just
/// not under this watch.
/// </summary>
public sealed class NoiseOptions
{
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

    /// <summary>The rules as written; <see cref="Core.Watches.WatchValidation"/> checks and normalizes them with the rest of the watch.</summary>
    public WatchNoise ToNoise() => new()
    {
        KeepReposts = KeepReposts,
        DuplicateWindowMinutes = DuplicateWindowMinutes,
        BlockedAuthors = [.. (BlockedAuthors ?? []).Select(a => a ?? "")],
        BlockedDomains = [.. (BlockedDomains ?? []).Select(d => d ?? "")],
        MaxSpamScore = MaxSpamScore,
    };

    public static NoiseOptions? From(WatchNoise? noise) => noise is null ? null : new()
    {
        KeepReposts = noise.KeepReposts,
        DuplicateWindowMinutes = noise.DuplicateWindowMinutes,
        BlockedAuthors = [.. noise.BlockedAuthors],
        BlockedDomains = [.. noise.BlockedDomains],
        MaxSpamScore = noise.MaxSpamScore,
    };

}
