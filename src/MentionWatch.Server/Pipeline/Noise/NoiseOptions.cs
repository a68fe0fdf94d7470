using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Pipeline.Noise;

/// <summary>
/// <c>Watches:{n}:Noise</c>: what a watch does not want counted as a mention. Everything is off by default.
/// A dropped post is still stored (so its links, e.g. a repost's original, stay), just not under this watch.
/// </summary>
public sealed class NoiseOptions
{
    /// <summary>False drops reposts (boosts, retweets, VK copies) from the watch; kept ones link to their original.</summary>
    public bool KeepReposts { get; set; } = true;

    /// <summary>Drops a post whose normalized text the watch already got within this many minutes (copy-paste campaigns); 0 is off.</summary>
    [Range(0, 7 * 24 * 60)]
    public int DuplicateWindowMinutes { get; set; }

    /// <summary>Author handles whose posts are dropped (case-insensitive, without @).</summary>
    public List<string> BlockedAuthors { get; set; } = [];

    /// <summary>Domains (and their subdomains) whose links, in the text or as the post URL, drop the post.</summary>
    public List<string> BlockedDomains { get; set; } = [];

    /// <summary>Drops posts whose spam score (0-1, see <see cref="SpamScore"/>) reaches this; 0 is off.</summary>
    [Range(0, 1)]
    public double MaxSpamScore { get; set; }

    internal bool IsOff => KeepReposts && DuplicateWindowMinutes == 0 && BlockedAuthors.Count == 0 && BlockedDomains.Count == 0 && MaxSpamScore == 0;
}
