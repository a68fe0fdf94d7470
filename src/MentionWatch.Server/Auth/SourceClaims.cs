using MentionWatch.Core.Domain;
using MentionWatch.Server.Api;
using MentionWatch.Server.Pipeline;

namespace MentionWatch.Server.Auth;

/// <summary>
/// Posts a key may only push when it is allowed to claim them (<c>Auth:Keys:&lt;name&gt;:MayClaimSources</c>; admin always may):
/// posts under the source name of one of MentionWatch's crawlers, which would pass as crawled, and posts written by one of a
/// watch's own handles, which would be marked as the brand's own and never need a reply.
/// </summary>
internal static class SourceClaims
{
    public static readonly IReadOnlySet<string> CrawlerSources =
        new HashSet<string>(["x", "bluesky", "mastodon", "reddit", "hackernews", "vk", "telegram", "rss", "demo"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="caller"/> may not push <paramref name="post"/>, or null when it may.</summary>
    public static string? Refusal(ApiCaller caller, IngestPostDto post, IWatchMatching watches)
    {
        if (caller.MayClaimSources) return null;
        var source = post.Source?.Trim() ?? "";
        if (CrawlerSources.Contains(source))
        {
            return $"source '{source}' is the name of a MentionWatch crawler; the key '{caller.Name}' may not claim it "
                + $"(Auth:Keys:{caller.Name}:MayClaimSources). Use your own source name, e.g. 'forum'.";
        }
        // Only the author decides brand-post status, so the text is left out of the probe.
        var probe = new Post(source, post.Id ?? "", "", post.CreatedAt, new Author(null, post.Author?.Handle ?? "", null, null), null, null, null, null);
        if (post.Author?.Handle is not null && watches.Match(probe).BrandPostOf is { Count: > 0 } brands)
        {
            return $"author.handle '{post.Author.Handle}' is an own handle of watch '{string.Join("', '", brands)}'; the key '{caller.Name}' may not "
                + $"ingest brand posts (Auth:Keys:{caller.Name}:MayClaimSources).";
        }
        return null;
    }
}
