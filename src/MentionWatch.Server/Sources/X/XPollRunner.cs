using System.Net;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace MentionWatch.Server.Sources.X;

/// <summary>What one poll of one watch did.</summary>
internal sealed record XPollOutcome(bool Succeeded, int Fetched, int Accepted, int Duplicates, int Rejected, int Skipped, string? Cursor, string? Error);

/// <summary>
/// One poll of one watch: read the cursor, fetch every page since it, and hand posts and the advanced cursor to
/// the pipeline in one call so they become durable in one transaction. Failures are reported, never thrown.
/// </summary>
internal sealed partial class XPollRunner(
    XRecentSearchClient client,
    IMentionStore store,
    IMentionPipeline pipeline,
    SourceStatusRegistry statuses,
    ILogger<XPollRunner> logger)
{
    public const string StatusName = "x";

    public async Task<XPollOutcome> RunAsync(string watchName, string xQuery, CancellationToken cancellationToken)
    {
        var key = XCursor.KeyFor(watchName);
        try
        {
            var stored = await store.GetCursorAsync(key, cancellationToken).ConfigureAwait(false);
            var cursor = XCursor.Parse(stored);
            var result = await FetchAsync(watchName, xQuery, cursor, cancellationToken).ConfigureAwait(false);
            var next = result.Started.Advance(result.Fetched);
            var posts = result.Fetched.Posts;
            if (posts.Count == 0 && next.ToString() == (stored ?? ""))
            {
                // Nothing new and nothing to remember: skip the store write.
                statuses.ReportSuccess(StatusName, 0, null);
                return new XPollOutcome(true, 0, 0, 0, 0, result.Fetched.Skipped, stored, null);
            }

            var cursors = new[] { new SourceCursor(key, next.ToString()) };
            var submitted = await pipeline.SubmitAsync(posts, cursors, cancellationToken).ConfigureAwait(false);
            foreach (var rejection in submitted.Rejected)
            {
                LogRejected(watchName, rejection.Index < posts.Count ? posts[rejection.Index].ExternalId : "?", rejection.Error);
            }

            DateTimeOffset? newest = posts.Count == 0 ? null : posts.Max(p => p.CreatedAt);
            statuses.ReportSuccess(StatusName, posts.Count, newest);
            LogPolled(watchName, posts.Count, submitted.Accepted, submitted.Duplicates, result.Fetched.Pages, next.ToString());
            return new XPollOutcome(
                true, posts.Count, submitted.Accepted, submitted.Duplicates, submitted.Rejected.Count, result.Fetched.Skipped, next.ToString(), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            var error = $"watch '{watchName}': X requests paused, the circuit is open after repeated failures ({ex.Message})";
            statuses.ReportError(StatusName, error, "circuit-open");
            LogFailed(watchName, error);
            return Failed(error);
        }
        catch (Exception ex)
        {
            // One failing watch or one bad response must not kill the scheduler: report it, the next run retries.
            var error = $"watch '{watchName}': {ex.Message}";
            statuses.ReportError(StatusName, error);
            LogFailed(watchName, error);
            return Failed(error);
        }
    }

    private async Task<(XCursor Started, XSearchResult Fetched)> FetchAsync(string watchName, string xQuery, XCursor cursor, CancellationToken ct)
    {
        try
        {
            return (cursor, await client.SearchAsync(xQuery, cursor.SinceId, cursor.NextToken, ct).ConfigureAwait(false));
        }
        catch (XApiException ex) when (cursor.IsResuming && ex.StatusCode == HttpStatusCode.BadRequest)
        {
            // A stale next_token: restart the sweep from since_id; posts seen again are dropped as duplicates.
            LogStaleToken(watchName, ex.Message);
            var restart = new XCursor(cursor.SinceId);
            return (restart, await client.SearchAsync(xQuery, restart.SinceId, null, ct).ConfigureAwait(false));
        }
    }

    private static XPollOutcome Failed(string error) => new(false, 0, 0, 0, 0, 0, null, error);

    [LoggerMessage(Level = LogLevel.Information, Message = "X poll of watch {Watch}: {Fetched} fetched, {Accepted} stored, {Duplicates} duplicates in {Pages} pages; cursor {Cursor}")]
    private partial void LogPolled(string watch, int fetched, int accepted, int duplicates, int pages, string cursor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "X poll of watch {Watch}: tweet {TweetId} rejected by the pipeline: {Error}")]
    private partial void LogRejected(string watch, string tweetId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "X poll of watch {Watch} failed: {Error}")]
    private partial void LogFailed(string watch, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "X poll of watch {Watch}: stored next_token refused ({Error}); restarting the sweep from since_id")]
    private partial void LogStaleToken(string watch, string error);
}
