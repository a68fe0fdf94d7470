using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>One mention's FTS5 document, tokenized by the caller before the write lock (<see cref="PreparedMention"/>).</summary>
internal readonly record struct FtsRow(long Arrival, long Id, string Body, string Tags, string Handles, string Meta);

/// <summary>
/// Writes <c>mention_fts</c> right behind the mention writes instead of inside their transaction. The FTS insert was
/// 27–44% of a 1,000-mention commit (docs/benchmarks.md); here it runs in the background just after the commit that
/// queued the documents, while the caller is answered and the next batch is parsed and classified, and when ingest
/// keeps the writer busy one round takes every queued batch at once: a larger FTS segment, less merging.
/// The position (the last arrival indexed) is a counter written in the same transaction as the documents, so after a
/// crash the rows stored past it are read back from <c>mentions</c> and tokenized again.
/// Consistency: searches catch the index up before they read it (<see cref="IsBehind"/>, <see cref="CatchUpAsync"/>),
/// so a stored mention is found at once; every other writer of <c>mention_fts</c> (label corrections, retagging,
/// retention) calls <see cref="CatchUp"/> first, because a 'delete' of a document the contentless index never got
/// would corrupt it.
/// </summary>
internal sealed class SqliteFtsIndexer : IDisposable
{
    internal const string PositionCounter = "mention_fts_arrival";

    /// <summary>Documents per indexing transaction: bounds how long a batch being ingested waits behind one round.</summary>
    internal const int BatchSize = 8192;

    /// <summary>Queued documents beyond which the writer indexes them itself before it lets go: bounds the queue's memory.</summary>
    internal const int MaxQueued = 4 * BatchSize;

    private static readonly Action<ILogger, string, Exception?> LogFailed = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(5, "FtsIndexFailed"),
        "Indexing the text of {DatabaseFile} failed; searches and the next write retry");

    private readonly SqliteDatabase _database;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    // Under the writer lock only: filled by the writer after its commit, emptied by a round after its own.
    private readonly Queue<FtsRow> _queue = new();
    private Task _round = Task.CompletedTask;
    private int _disposed;
    // Written under the writer lock; read without it by IsBehind.
    private long _position;
    private long _lastArrival;
    // Mentions stored by an earlier process past the position have no queued document: read back from the table.
    private readonly long _storedBefore;

    /// <summary>Create on the writer connection, before anything else writes.</summary>
    public SqliteFtsIndexer(SqliteDatabase database, SqliteConnection writer)
    {
        _database = database;
        _position = IndexPosition.Read(writer, PositionCounter);
        using (var last = new RawStatement(writer, "SELECT max(arrival) FROM mentions WHERE arrival IS NOT NULL"))
            _lastArrival = Math.Max(_position, last.ScalarInt64() ?? 0);
        _storedBefore = _lastArrival;
    }

    /// <summary>Whether some stored mention is not searchable by text yet.</summary>
    public bool IsBehind => Volatile.Read(ref _position) < Volatile.Read(ref _lastArrival);

    /// <summary>The writer, still holding the lock, hands over the documents of the batch it committed (in arrival order).</summary>
    public void Written(SqliteConnection writer, List<FtsRow> rows)
    {
        if (rows.Count == 0) return;
        foreach (var row in rows) _queue.Enqueue(row);
        Volatile.Write(ref _lastArrival, rows[^1].Arrival);
        // Ingest outrunning the rounds: the writer pays for the backlog now rather than the queue growing without bound.
        // Never a throw: the batch is committed, and a failed answer would make the caller retry it and see only
        // duplicates, so its mentions would never reach the sinks (alerts). The next batch past the bound tries again.
        if (_queue.Count >= MaxQueued)
        {
            Flush(writer);
            return;
        }
        lock (_gate)
        {
            if (!_round.IsCompleted || _stopping.IsCancellationRequested) return;
            _round = Task.Run(RoundAsync);
        }
    }

    /// <summary>Indexes everything stored so far; the caller holds the writer lock (inside a WriteAsync callback, before its transaction).</summary>
    public void CatchUp(SqliteConnection writer)
    {
        while (_position < _lastArrival && IndexBatch(writer) > 0)
        {
        }
    }

    /// <summary>Indexes everything stored so far, taking the writer lock.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(writer =>
        {
            CatchUp(writer);
            return 0;
        }, cancellationToken);

    private async Task RoundAsync()
    {
        try
        {
            // One transaction at a time through the writer queue, so ingest batches interleave with the round's.
            while (IsBehind && !_stopping.IsCancellationRequested)
                if (await _database.WriteAsync(IndexBatch, _stopping.Token).ConfigureAwait(false) == 0) break;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The database closed first; the position is durable and the next open continues from it.
        }
        catch (SqliteException ex)
        {
            LogFailed(_database.Logger, _database.DatabaseFile, ex);
        }
    }

    /// <summary>Indexes the next documents in arrival order, in one transaction; returns how many.</summary>
    private int IndexBatch(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        var fromQueue = _position >= _storedBefore;
        var rows = fromQueue ? [.. _queue.Take(BatchSize)] : ReadBack(connection, transaction);
        if (rows.Count == 0 && !fromQueue)
        {
            // The earlier process's unindexed rows are all done (or were never there: arrival numbers can have gaps).
            Volatile.Write(ref _position, _storedBefore);
            fromQueue = true;
            rows = [.. _queue.Take(BatchSize)];
        }
        if (rows.Count == 0) return 0;
        var last = rows[^1].Arrival;
        // FTS5 starts a new segment whenever a rowid is lower than the one before, and feeds often arrive newest first.
        rows.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        using (var insert = new RawStatement(connection, "INSERT INTO mention_fts(rowid, body, tags, handles, meta) VALUES (?1, ?2, ?3, ?4, ?5)"))
            foreach (var row in rows) insert.Bind(1, row.Id).Bind(2, row.Body).Bind(3, row.Tags).Bind(4, row.Handles).Bind(5, row.Meta).Execute();
        IndexPosition.Write(connection, PositionCounter, last);
        transaction.Commit();
        // Only now: had the commit failed, the documents would still be queued for the next try.
        if (fromQueue)
            for (var i = 0; i < rows.Count; i++) _queue.Dequeue();
        Volatile.Write(ref _position, last);
        return rows.Count;
    }

    /// <summary>The documents of mentions an earlier process stored but did not index, rebuilt from their rows.</summary>
    private List<FtsRow> ReadBack(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText =
            $"SELECT {MentionRowReader.Columns} FROM mentions m WHERE m.arrival > $after AND m.arrival <= $through ORDER BY m.arrival LIMIT $n";
        select.Parameters.AddWithValue("$after", _position);
        select.Parameters.AddWithValue("$through", _storedBefore);
        select.Parameters.AddWithValue("$n", BatchSize);
        StringBuilder body = new(), tags = new(), handles = new(), meta = new();
        var rows = new List<FtsRow>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var mention = MentionRowReader.Read(reader);
            var (b, t, h) = FtsDocument.Text(mention.Post.Text, body, tags, handles);
            rows.Add(new FtsRow(mention.Arrival, mention.Id, b, t, h, FtsDocument.Meta(mention, meta)));
        }
        return rows;
    }

    /// <summary>
    /// Indexes what is still queued (at a clean shutdown, so the next open has nothing to read back, or when the queue
    /// is full); the caller holds the writer lock. A failure is logged, not thrown: the documents stay queued and the
    /// position is durable, so a later round or the next open indexes them.
    /// </summary>
    public void Flush(SqliteConnection writer)
    {
        try
        {
            CatchUp(writer);
        }
        catch (SqliteException ex)
        {
            LogFailed(_database.Logger, _database.DatabaseFile, ex);
        }
    }

    /// <summary>Stops the rounds: one waiting for the writer gives up, one in its transaction finishes it first. Once only.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Task round;
        lock (_gate)
        {
            _stopping.Cancel();
            round = _round;
        }
        round.GetAwaiter().GetResult();
        _stopping.Dispose();
    }
}
