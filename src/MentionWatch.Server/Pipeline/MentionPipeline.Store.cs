using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Pipeline;

internal sealed partial class MentionPipeline
{
    private async Task RunStoreStageAsync(CancellationToken abort)
    {
        try
        {
            var reader = _toStore.Reader;
            while (await reader.WaitToReadAsync(abort))
            {
                // The one place batches are merged: whatever concurrent submitters have queued goes into one store call
                // (one transaction, one commit for many batches), and a failed merge is retried batch by batch below.
                // It is here rather than in the store because only this stage knows the order the sinks must see the
                // batches in and which caller a failure belongs to; the store writes each call as it comes.
                var group = new List<Submission>();
                var posts = 0;
                while (posts < _options.MaxStoreBatch && reader.TryRead(out var submission))
                {
                    if (submission.CancellationToken.IsCancellationRequested)
                    {
                        submission.Completion.TrySetCanceled(submission.CancellationToken);
                        continue;
                    }
                    _stageTimings.Record("store", "wait", _time.GetElapsedTime(submission.Queued));
                    group.Add(submission);
                    posts += submission.Posts.Length;
                }
                if (group.Count > 0) await StoreGroupAsync(group, abort);
            }
        }
        finally
        {
            foreach (var sink in _sinks) sink.Complete();
        }
    }

    private async Task StoreGroupAsync(List<Submission> group, CancellationToken abort)
    {
        var capacity = 0;
        foreach (var submission in group) capacity += submission.Posts.Length;
        var mentions = new List<PreparedMentionWrite>(capacity);
        var owners = new List<(Submission Submission, int Index)>(capacity);
        var crossBatchDuplicates = new List<(Submission Submission, int Index)>();
        // The dedupe stage already made each submission's keys unique, so only a merged group can repeat a key; this
        // loop runs on the store stage, the one loop every batch passes through, and hashing a lone batch's 1,000
        // keys again was CPU taken from the writer for nothing.
        var keys = group.Count > 1 ? new HashSet<(string, string)>(capacity) : null;
        foreach (var submission in group)
        {
            for (var i = 0; i < submission.Posts.Length; i++)
            {
                if (submission.Outcomes[i] != PostOutcome.Pending || submission.Prepared[i] is not { } prepared) continue;
                var post = prepared.Mention.Post;
                if (keys is null || keys.Add((post.Source, post.ExternalId)))
                {
                    mentions.Add(prepared);
                    owners.Add((submission, i));
                }
                else
                {
                    crossBatchDuplicates.Add((submission, i));
                }
            }
        }

        StoreBatchResult result;
        var cursors = group.SelectMany(s => s.Cursors).ToList();
        try
        {
            var writing = _time.GetTimestamp();
            result = mentions.Count == 0 && cursors.Count == 0
                ? new StoreBatchResult([])
                : await _store.StoreAsync(mentions, cursors, abort);
            var written = _time.GetElapsedTime(writing);
            _metrics.StoreWrite(written);
            _stageTimings.Record("store", "work", written);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            if (group.Count > 1)
            {
                // Find the batch the store refuses, so the other callers' posts are still stored.
                foreach (var submission in group) await StoreGroupAsync([submission], abort);
                return;
            }
            var failed = group[0];
            LogStoreFailed(ex, mentions.Count);
            _counters.AddStoreFailures(mentions.Count);
            failed.Completion.TrySetException(new PipelineStoreException($"The store could not write the batch: {ex.Message}", ex));
            return;
        }

        var stored = new List<Mention>(mentions.Count);
        for (var k = 0; k < owners.Count; k++)
        {
            var (submission, index) = owners[k];
            if (result.Ids[k] is { } id)
            {
                submission.Outcomes[index] = PostOutcome.Accepted;
                var mention = mentions[k].Mention;
                stored.Add(mention with { Id = id, Arrival = result.Arrivals?[k] ?? 0, Support = result.Support?[k] ?? mention.Support });
            }
            else
            {
                submission.Outcomes[index] = PostOutcome.Duplicate;
            }
        }
        foreach (var (submission, index) in crossBatchDuplicates) submission.Outcomes[index] = PostOutcome.Duplicate;
        foreach (var submission in group)
        {
            var outcome = submission.ToResult();
            _counters.Add(outcome);
            submission.Completion.TrySetResult(outcome);
        }
        if (stored.Count == 0) return;
        // In store order; a Wait sink (alert evaluation) may hold the store stage here, never a caller's answer.
        var handing = _time.GetTimestamp();
        foreach (var sink in _sinks) await sink.EnqueueAsync(stored, abort);
        _stageTimings.Record("sinks", "work", _time.GetElapsedTime(handing));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a batch of {Count} posts failed; its callers get an error, other batches go on")]
    private partial void LogStoreFailed(Exception ex, int count);
}
