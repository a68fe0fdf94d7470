using MentionWatch.Core.Domain;
using MentionWatch.Server.Pipeline;

namespace MentionWatch.Server.Sources.Kit.Streaming;

/// <summary>
/// Firehose-like streams (Jetstream, Mastodon's public timeline) deliver far more than anyone watches: only posts
/// the current watches match are submitted. Uses the catalog's matcher itself (noise rules are the pipeline's).
/// </summary>
internal sealed class LocalWatchFilter(WatchCatalog catalog)
{
    public bool Matches(Post post) => catalog.Match(post).Watches.Count > 0;
}
