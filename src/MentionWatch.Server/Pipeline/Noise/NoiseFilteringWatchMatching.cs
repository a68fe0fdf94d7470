using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources;

namespace MentionWatch.Server.Pipeline.Noise;

/// <summary>
/// The match stage with noise control: the catalog's match, minus the watches whose noise rules drop the post.
/// Each drop is counted in /sources on the post's source and on the watch, by reason. Composed at start in place
/// of the plain catalog, so the pipeline itself is unchanged.
/// </summary>
internal sealed partial class NoiseFilteringWatchMatching(WatchCatalog catalog, NoiseRules rules, SourceStatusRegistry statuses, ILogger<NoiseFilteringWatchMatching> logger)
    : IWatchMatching
{
    public WatchMatch Match(Post post)
    {
        var match = catalog.Match(post);
        if (!rules.Any || match.Watches.Count == 0) return match;
        List<string>? kept = null;
        for (var i = 0; i < match.Watches.Count; i++)
        {
            var watch = match.Watches[i];
            if (rules.DropReason(watch, post) is { } reason)
            {
                kept ??= match.Watches.Take(i).ToList();
                statuses.ReportDropped(post.Source, watch, reason);
                LogDropped(post.Source, post.ExternalId, watch, reason);
            }
            else
            {
                kept?.Add(watch);
            }
        }

        return kept is null ? match : new WatchMatch(kept, match.BrandPostOf);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Post {Source}/{ExternalId} dropped from watch {Watch}: {Reason}")]
    private partial void LogDropped(string source, string externalId, string watch, string reason);
}
