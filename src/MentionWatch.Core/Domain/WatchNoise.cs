namespace MentionWatch.Core.Domain;

/// <summary>
/// What a watch does not want counted as a mention (reposts, copy-paste, blocked authors and domains, bot posts).
/// Kept with the watch, so a watch created through the API can have it as well as one from configuration.
/// </summary>
public sealed record WatchNoise
{
    /// <summary>False drops reposts (boosts, retweets, VK copies); kept ones link to their original.</summary>
    public bool KeepReposts { get; init; } = true;

    /// <summary>Drops a post whose normalized text the watch already got within this many minutes; 0 is off.</summary>
    public int DuplicateWindowMinutes { get; init; }

    /// <summary>Author handles whose posts are dropped (case-insensitive, without @).</summary>
    public IReadOnlyList<string> BlockedAuthors { get; init; } = [];

    /// <summary>Domains (and their subdomains) whose links, in the text or as the post URL, drop the post.</summary>
    public IReadOnlyList<string> BlockedDomains { get; init; } = [];

    /// <summary>Drops posts whose spam score (0-1) reaches this; 0 is off.</summary>
    public double MaxSpamScore { get; init; }

    /// <summary>True when nothing would be dropped: such a watch needs no noise step at all.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOff => KeepReposts && DuplicateWindowMinutes == 0 && BlockedAuthors.Count == 0 && BlockedDomains.Count == 0 && MaxSpamScore == 0;
}
