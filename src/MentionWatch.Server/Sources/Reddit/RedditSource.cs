using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Reddit;

/// <summary>
/// Reddit posts through <c>/search?sort=new</c>, one target per watch: pages newest first until the stored cursor
/// (newest created_utc and fullname) is reached, <c>after</c> runs out or <c>MaxPagesPerRun</c> is hit.
/// </summary>
internal sealed partial class RedditSource(
    RedditSearchClient client, IWatchStore watches, IOptions<RedditSourceOptions> options, ILogger<RedditSource> logger) : IPollingSource
{
    public const string SourceName = "reddit";
    private static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { SourceName };

    public string Name => SourceName;
    public string DisplayName => "Reddit";
    public string? DisabledReason => options.Value.HasCredentials ? null : "Sources:Reddit:ClientId and ClientSecret are not set";
    public TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    public Task<PollPlan> PlanAsync(CancellationToken cancellationToken) =>
        WatchQueries.PlanAsync(watches, w => WatchQueries.Translate(w, Translate), cancellationToken);

    /// <summary>Positive terms (with their ё spellings) joined by OR or AND; the matcher applies the full query to the results.</summary>
    internal static QueryTranslation Translate(QueryNode tree)
    {
        var reduction = SourceFilter.Reduce(tree, Names);
        if (reduction.Kind == SourceReductionKind.Never) return QueryTranslation.OtherSource($"the query only matches {reduction.OtherSourcesText}");
        var terms = reduction.Query is null ? null : QueryTerms.Positive(reduction.Query);
        if (terms is null || terms.IsEmpty) return QueryTranslation.NotExpressible("the query has no word, phrase, #hashtag or @handle that is not negated; Reddit search needs one");
        var parts = terms.Terms.Select(t =>
        {
            var spellings = YoSpelling.Spellings(t.Text).Select(s => s.Contains(' ') ? "\"" + s + "\"" : s).ToList();
            return spellings.Count == 1 ? spellings[0] : "(" + string.Join(" OR ", spellings) + ")";
        });
        var q = string.Join(terms.AnyOf ? " OR " : " ", parts);
        return q.Length > 512 ? QueryTranslation.NotExpressible($"the Reddit query would be {q.Length} characters; Reddit accepts 512") : QueryTranslation.Translated(q);
    }

    public async Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken)
    {
        var stored = RedditCursor.Parse(cursor);
        var posts = new List<Post>();
        RedditCursor? newest = null;
        string? after = null;
        int pages = 0, skipped = 0;
        var reached = false;
        do
        {
            var page = await client.SearchAsync(target.Query, after, cancellationToken).ConfigureAwait(false);
            pages++;
            skipped += page.Skipped;
            foreach (var (post, fullname, created) in page.Items)
            {
                if (stored is not null && stored.Covers(created, fullname))
                {
                    reached = true;
                    break;
                }

                if (newest is null || created > newest.CreatedUtc) newest = new RedditCursor(created, fullname);
                posts.Add(post);
            }

            after = page.After;
        }
        while (!reached && after is not null && pages < options.Value.MaxPagesPerRun);

        if (!reached && after is not null && stored is not null) LogBacklogSkipped(target.Id, pages);
        return new PollFetch(posts, (newest ?? stored)?.ToString(), pages, skipped);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reddit poll of watch {Watch}: more new posts than {Pages} pages; older ones of this interval are not fetched (raise Sources:Reddit:MaxPagesPerRun or poll more often)")]
    private partial void LogBacklogSkipped(string watch, int pages);
}
