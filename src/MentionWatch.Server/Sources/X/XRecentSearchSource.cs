using System.Net;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// X API v2 recent search as a kit polling source: one target per watch whose query X can express, the cursor a
/// since_id (or an unfinished sweep, see <see cref="XCursor"/>).
/// </summary>
internal sealed partial class XRecentSearchSource(
    XRecentSearchClient client, IWatchStore watches, IOptions<XSourceOptions> options, ILogger<XRecentSearchSource> logger) : IPollingSource
{
    public const string SourceName = XPostMapper.SourceName;

    public string Name => SourceName;
    public string DisplayName => "X";
    public string? DisabledReason => options.Value.HasBearerToken ? null : "Sources:X:BearerToken is not set";
    public TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    public const string RepliesSuffix = "/replies";

    /// <summary>
    /// One target per watch, plus one for the brand's own replies where the watch has own handles, so reply times are
    /// measured without push ingest; it keeps its own cursor (<c>&lt;watch&gt;/replies</c>).
    /// </summary>
    public async Task<PollPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var plan = await WatchQueries.PlanAsync(watches, XWatchQueries.Translate, cancellationToken).ConfigureAwait(false);
        var byName = (await watches.ListWatchesAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);
        var replies = plan.Targets
            .Select(t => byName.TryGetValue(t.Id, out var watch) && RepliesQuery(watch) is { } query
                ? new PollTarget(t.Id + RepliesSuffix, query, t.Label + " (brand replies)")
                : null)
            .OfType<PollTarget>();
        return plan with { Targets = [.. plan.Targets, .. replies] };
    }

    /// <summary><c>(from:a OR from:b) is:reply</c> for the watch's own handles, or null without any.</summary>
    internal static string? RepliesQuery(MentionWatch.Core.Domain.Watch watch) => watch.OwnHandles.Count switch
    {
        0 => null,
        1 => $"from:{watch.OwnHandles[0]} is:reply",
        _ => $"({string.Join(" OR ", watch.OwnHandles.Select(h => "from:" + h))}) is:reply",
    };

    public async Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken)
    {
        var started = XCursor.Parse(cursor);
        XSearchResult result;
        try
        {
            result = await client.SearchAsync(target.Query, started.SinceId, started.NextToken, cancellationToken).ConfigureAwait(false);
        }
        catch (XApiException ex) when (started.IsResuming && ex.StatusCode == HttpStatusCode.BadRequest)
        {
            // A stale next_token: restart the sweep from since_id; posts seen again are dropped as duplicates.
            LogStaleToken(target.Id, ex.Message);
            started = new XCursor(started.SinceId);
            result = await client.SearchAsync(target.Query, started.SinceId, null, cancellationToken).ConfigureAwait(false);
        }

        var next = started.Advance(result).ToString();
        return new PollFetch(result.Posts, next.Length == 0 ? null : next, result.Pages, result.Skipped);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "X poll of watch {Watch}: stored next_token refused ({Error}); restarting the sweep from since_id")]
    private partial void LogStaleToken(string watch, string error);
}
