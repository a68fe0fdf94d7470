using System.Collections.Concurrent;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Group commit: batches that arrive while another is being written are written together in the next
/// transaction. Whoever holds the writer drains the queue, so concurrent ingest requests share one commit (and one
/// FTS segment flush) instead of queueing for one each. Every caller still returns only after its own batch is
/// committed, and a failing group is retried batch by batch so one bad batch fails only its own caller.
/// </summary>
internal sealed class SqliteGroupCommit(SqliteDatabase database)
{
    /// <summary>Upper bound of mentions per transaction, keeping each commit short for readers and the WAL.</summary>
    public const int MaxMentionsPerCommit = 10_000;

    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private SqliteMentionWriter? _writer;

    public async Task<StoreBatchResult> WriteAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        _queue.Enqueue(pending);
        IDisposable lease;
        try
        {
            lease = await database.LockWriterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (pending.TryCancel())
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Already claimed by the current writer: it will be committed, so report the outcome.
            return await pending.Task.ConfigureAwait(false);
        }

        using (lease)
        {
            while (!pending.Task.IsCompleted)
            {
                var group = Drain();
                if (group.Count == 0) break;
                Write(group);
            }
        }
        return await pending.Task.ConfigureAwait(false);
    }

    public void DisposeWriter() => _writer?.Dispose();

    private List<PendingWrite> Drain()
    {
        var group = new List<PendingWrite>();
        var mentions = 0;
        while (mentions < MaxMentionsPerCommit && _queue.TryPeek(out var next))
        {
            if (group.Count > 0 && mentions + next.Mentions.Length > MaxMentionsPerCommit) break;
            _queue.TryDequeue(out _);
            if (!next.TryClaim()) continue;
            group.Add(next);
            mentions += next.Mentions.Length;
        }
        return group;
    }

    private void Write(List<PendingWrite> group)
    {
        _writer ??= new SqliteMentionWriter(database.WriterConnection);
        try
        {
            var results = _writer.Write(group);
            for (var i = 0; i < group.Count; i++) group[i].Complete(results[i]);
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var single in group)
            {
                try
                {
                    single.Complete(_writer.Write([single])[0]);
                }
                catch (Exception error)
                {
                    single.Fail(error);
                }
            }
        }
        catch (Exception error)
        {
            group[0].Fail(error);
        }
    }
}
