using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Keeps <c>author_mentions</c> (customer history by author) behind the mention writes instead of in them. Its key is
/// the author's handle, random as mentions arrive, so as an index of <c>mentions</c> it dirtied most of the pages of
/// every 1,000-mention commit; here it is written in rounds of up to <see cref="BatchSize"/> mentions, sorted by key,
/// once <see cref="StartAt"/> mentions wait. The position (the last arrival indexed) is a counter written in the same
/// transaction as the rows, so after a crash the next round starts where the last committed one ended, and history
/// (<see cref="SqliteSupportStore.MentionsByAsync"/>) reads the mentions arrived after it straight from the table:
/// a mention is in its author's history as soon as it is stored, indexed or not.
/// </summary>
internal sealed class SqliteAuthorIndexer : IDisposable
{
    internal const string PositionCounter = "author_mentions_arrival";

    /// <summary>Unindexed mentions that start a round; history scans about this many at most besides its index lookups.</summary>
    internal const int StartAt = 4096;

    /// <summary>Mentions per indexing transaction: bounds how long a batch being ingested can wait behind one.</summary>
    internal const int BatchSize = 8192;

    private static readonly Action<ILogger, string, Exception?> LogFailed = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(4, "AuthorIndexFailed"),
        "Indexing authors of {DatabaseFile} failed; history reads the unindexed mentions meanwhile and the next write retries");

    private readonly SqliteDatabase _database;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _round = Task.CompletedTask;
    private int _disposed;
    // Both change only under the writer lock: _position in a round's transaction, _lastArrival when the writer reports.
    private long _position;
    private long _lastArrival;

    /// <summary>Create under the writer lock, on the writer connection.</summary>
    public SqliteAuthorIndexer(SqliteDatabase database, SqliteConnection writer)
    {
        _database = database;
        _position = IndexPosition.Read(writer, PositionCounter);
        _lastArrival = _position;
    }

    /// <summary>The writer, still holding the lock, reports the last arrival it committed; may start a round in the background.</summary>
    public void Written(long lastArrival)
    {
        _lastArrival = lastArrival;
        if (lastArrival - _position < StartAt) return;
        lock (_gate)
        {
            if (!_round.IsCompleted || _stopping.IsCancellationRequested) return;
            _round = Task.Run(RoundAsync);
        }
    }

    /// <summary>Indexes every mention stored so far, in transactions of at most <see cref="BatchSize"/>.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (await _database.WriteAsync(IndexBatch, cancellationToken).ConfigureAwait(false) == BatchSize)
        {
        }
    }

    private async Task RoundAsync()
    {
        try
        {
            // One transaction at a time through the writer queue, so ingest batches interleave with the round's.
            while (_lastArrival - _position >= StartAt)
                await _database.WriteAsync(IndexBatch, _stopping.Token).ConfigureAwait(false);
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

    /// <summary>Indexes the next mentions in arrival order; returns how many.</summary>
    private int IndexBatch(SqliteConnection connection)
    {
        var rows = new List<(string Source, string Handle, long Id)>(BatchSize);
        var last = _position;
        using var transaction = connection.BeginTransaction();
        using (var select = new RawStatement(connection,
                   "SELECT arrival, source, author_handle, id FROM mentions WHERE arrival > ?1 ORDER BY arrival LIMIT ?2"))
        {
            select.Bind(1, _position).Bind(2, BatchSize).ForEachRow(row =>
            {
                last = row.ColumnInt64(0);
                rows.Add((row.ColumnText(1), row.ColumnText(2), row.ColumnInt64(3)));
            });
        }
        if (rows.Count == 0) return 0;
        // In key order each B-tree page is visited once per round, however the handles arrived.
        rows.Sort(static (a, b) =>
        {
            var bySource = string.CompareOrdinal(a.Source, b.Source);
            if (bySource != 0) return bySource;
            var byHandle = string.Compare(a.Handle, b.Handle, StringComparison.OrdinalIgnoreCase);
            return byHandle != 0 ? byHandle : a.Id.CompareTo(b.Id);
        });
        using (var insert = new RawStatement(connection, "INSERT OR IGNORE INTO author_mentions(source, handle, id) VALUES (?1, ?2, ?3)"))
            foreach (var (source, handle, id) in rows) insert.Bind(1, source).Bind(2, handle).Bind(3, id).Execute();
        IndexPosition.Write(connection, PositionCounter, last);
        transaction.Commit();
        _position = last;
        return rows.Count;
    }

    /// <summary>Stops: a round waiting for the writer gives up, one in its transaction finishes it first. Once only: the
    /// server's container disposes the store once per role it is registered as.</summary>
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
