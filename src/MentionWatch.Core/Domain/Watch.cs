namespace MentionWatch.Core.Domain;

/// <summary>
/// What to monitor. <see cref="Name"/> identifies the watch in URLs and filters; <see cref="Query"/> is in the
/// MentionWatch query language; posts by <see cref="OwnHandles"/> are the brand's own posts, not mentions;
/// <see cref="Competitors"/> names other watches compared with this one for share of voice.
/// </summary>
public sealed record Watch(string Name, string Query, IReadOnlyList<string> OwnHandles, IReadOnlyList<string> Competitors)
{
    /// <summary>The watch's noise rules; null when it keeps everything it matches.</summary>
    public WatchNoise? Noise { get; init; }
}
