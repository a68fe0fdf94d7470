using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// One poll of one target, for any <see cref="IPollingSource"/>: read the cursor, fetch, and hand posts and the
/// new cursor to the pipeline in one call so they become durable in one transaction (a crash keeps both or
/// neither). A failed fetch submits nothing, so the cursor stays; failures are reported, never thrown.
/// </summary>
internal sealed partial class PollRunner(
    ISourceCursorStore cursorStore,
    IMentionPipeline pipeline,
    SourceStatusRegistry statuses,
    ILogger<PollRunner> logger)
{
    public static string CursorKey(string source, string targetId) => source + ":" + targetId;

    public async Task<PollOutcome> RunAsync(IPollingSource source, PollTarget target, CancellationToken cancellationToken)
    {
        var key = CursorKey(source.Name, target.Id);
        try
        {
            var stored = await cursorStore.GetCursorAsync(key, cancellationToken).ConfigureAwait(false);
            var fetch = await source.FetchAsync(target, stored, cancellationToken).ConfigureAwait(false);
            var posts = fetch.Posts;
            var cursor = fetch.Cursor ?? stored;
            if (posts.Count == 0 && cursor == stored)
            {
                // Nothing new and nothing to remember: skip the store write.
                statuses.ReportSuccess(source.Name, 0, null, target.Id);
                return new PollOutcome(true, 0, 0, 0, 0, fetch.Skipped, stored, null);
            }

            var cursors = cursor is null || cursor == stored ? Array.Empty<SourceCursor>() : [new SourceCursor(key, cursor)];
            var submitted = await pipeline.SubmitAsync(posts, cursors, cancellationToken).ConfigureAwait(false);
            foreach (var rejection in submitted.Rejected)
            {
                LogRejected(source.Name, target.Label, rejection.Index < posts.Count ? posts[rejection.Index].ExternalId : "?", rejection.Error);
            }

            DateTimeOffset? newest = posts.Count == 0 ? null : posts.Max(p => p.CreatedAt);
            statuses.ReportSuccess(source.Name, posts.Count, newest, target.Id);
            LogPolled(source.Name, target.Label, posts.Count, submitted.Accepted, submitted.Duplicates, fetch.Pages, cursor ?? "");
            return new PollOutcome(true, posts.Count, submitted.Accepted, submitted.Duplicates, submitted.Rejected.Count, fetch.Skipped, cursor, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            var error = $"{target.Label}: {source.DisplayName} requests paused, the circuit is open after repeated failures ({ex.Message})";
            return Fail(source, target, error, permanent: false);
        }
        catch (SourceApiException ex) when (ex.IsPermanent)
        {
            return Fail(source, target, $"{target.Label}: {ex.Message}", permanent: true);
        }
        catch (Exception ex)
        {
            // One failing target or one bad response must not kill the scheduler: report it, the next run retries.
            return Fail(source, target, $"{target.Label}: {ex.Message}", permanent: false);
        }
    }

    private PollOutcome Fail(IPollingSource source, PollTarget target, string error, bool permanent)
    {
        statuses.ReportError(source.Name, error, target.Id, permanent);
        if (permanent) LogPermanent(source.Name, error);
        else LogFailed(source.Name, error);
        return PollOutcome.Failed(error, permanent);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} poll of {Target}: {Fetched} fetched, {Accepted} stored, {Duplicates} duplicates in {Pages} pages; cursor {Cursor}")]
    private partial void LogPolled(string source, string target, int fetched, int accepted, int duplicates, int pages, string cursor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} poll of {Target}: post {ExternalId} rejected by the pipeline: {Error}")]
    private partial void LogRejected(string source, string target, string externalId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} poll failed: {Error}")]
    private partial void LogFailed(string source, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Source} failed permanently and stops polling until restarted: {Error}")]
    private partial void LogPermanent(string source, string error);
}
