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

    public Task<PollPlan> PlanAsync(CancellationToken cancellationToken) =>
        WatchQueries.PlanAsync(watches, XWatchQueries.Translate, cancellationToken);

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
