using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Sources.Kit.Query;

/// <summary>Helpers for per-watch polling sources: parse a watch's query once and turn every watch into a plan.</summary>
internal static class WatchQueries
{
    /// <summary>Parses the watch's query and hands the tree to <paramref name="translate"/>; a query that does not parse is not polled.</summary>
    public static QueryTranslation Translate(Watch watch, Func<QueryNode, QueryTranslation> translate)
    {
        QueryNode tree;
        try
        {
            tree = QueryParser.Parse(watch.Query);
        }
        catch (QuerySyntaxException ex)
        {
            return QueryTranslation.NotExpressible($"the query does not parse at position {ex.Position}: {ex.Message}");
        }

        return translate(tree);
    }

    /// <summary>One target per watch the source can poll (id = watch name); the others are listed as skipped with their reason.</summary>
    public static async Task<PollPlan> PlanAsync(IWatchStore watches, Func<Watch, QueryTranslation> translate, CancellationToken cancellationToken)
    {
        var targets = new List<PollTarget>();
        var skipped = new List<SkippedTarget>();
        foreach (var watch in await watches.ListWatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            var translation = translate(watch);
            if (translation.IsPollable) targets.Add(new PollTarget(watch.Name, translation.Query!, $"watch '{watch.Name}'"));
            else skipped.Add(new SkippedTarget(watch.Name, translation.Reason ?? "", translation.Kind == QueryTranslationKind.NotExpressible));
        }

        return new PollPlan(targets, skipped);
    }
}
