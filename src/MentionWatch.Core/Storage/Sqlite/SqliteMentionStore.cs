using System.Runtime.CompilerServices;
using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// The embedded mention store: SQLite (WAL) with hourly/daily rollups maintained in the same transaction as each
/// batch; the FTS5 index over normalized text (<see cref="SqliteFtsIndexer"/>, caught up before every search that reads
/// it) and the author index (<see cref="SqliteAuthorIndexer"/>) follow in the background.
/// </summary>
public sealed class SqliteMentionStore : IMentionStore, IPreparingMentionWriter, IDisposable
{
    public const int MaxPageSize = 1000;
    private const int ExportPageSize = 1000;

    private readonly SqliteDatabase _database;
    private readonly bool _ownsDatabase;
    private SqliteMentionWriter? _writer;
    private SqliteAuthorIndexer? _authors;

    /// <summary>Uses a shared database (also given to <see cref="SqliteWatchStore"/>); the caller disposes it.</summary>
    public SqliteMentionStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    /// <summary>Opens its own database from <paramref name="options"/> and disposes it with the store.</summary>
    public SqliteMentionStore(SqliteStoreOptions options) : this(SqliteDatabase.Open(options))
    {
        _ownsDatabase = true;
    }

    public SqliteDatabase Database => _database;

    /// <summary>
    /// One call, one transaction, written once this caller holds the writer. Batches are merged (and a failed merge
    /// retried batch by batch) in one place only, the pipeline's store stage: it knows the order its sinks must see
    /// the batches in and which caller to fail. The merge queue that used to be here as well waited for concurrent calls
    /// that the stage, making one call at a time, never made, and retried failures a second time. A call cancelled
    /// while it waits for the writer is never written.
    /// </summary>
    public async Task<StoreBatchResult> StoreAsync(IReadOnlyList<Mention> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        ArgumentNullException.ThrowIfNull(cursors);
        if (mentions.Count == 0 && cursors.Count == 0) return new StoreBatchResult([]);
        CheckCursors(cursors);
        // Before the lock: tokenizing one batch overlaps another caller's transaction.
        return await WriteAsync(PreparedMention.Prepare(mentions), cursors, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates the mention and tokenizes it for the FTS index, on the caller's thread.</summary>
    public PreparedMentionWrite Prepare(Mention mention) => PreparedMention.Prepare(mention);

    /// <summary>As <see cref="StoreAsync(IReadOnlyList{Mention}, IReadOnlyList{SourceCursor}, CancellationToken)"/>, with the preparing already done.</summary>
    public async Task<StoreBatchResult> StoreAsync(IReadOnlyList<PreparedMentionWrite> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        ArgumentNullException.ThrowIfNull(cursors);
        if (mentions.Count == 0 && cursors.Count == 0) return new StoreBatchResult([]);
        CheckCursors(cursors);
        var prepared = new PreparedMention[mentions.Count];
        for (var i = 0; i < prepared.Length; i++)
            prepared[i] = mentions[i] as PreparedMention
                ?? throw new ArgumentException($"mention at index {i} was not prepared by this store", nameof(mentions));
        return await WriteAsync(prepared, cursors, cancellationToken).ConfigureAwait(false);
    }

    private static void CheckCursors(IReadOnlyList<SourceCursor> cursors)
    {
        foreach (var cursor in cursors)
            if (cursor?.SourceKey is null || cursor.Value is null) throw new ArgumentException("source cursors need a key and a value", nameof(cursors));
    }

    private async Task<StoreBatchResult> WriteAsync(PreparedMention[] prepared, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        using var lease = await _database.LockWriterAsync(cancellationToken).ConfigureAwait(false);
        _writer ??= new SqliteMentionWriter(_database.WriterConnection, _database.Fts);
        _authors ??= new SqliteAuthorIndexer(_database, _database.WriterConnection);
        var result = _writer.Write(prepared, cursors);
        _authors.Written(_writer.LastArrival);
        return result;
    }

    /// <summary>Indexes the authors of every mention stored so far now, instead of in the background once enough wait.</summary>
    internal async Task IndexAuthorsAsync(CancellationToken cancellationToken)
    {
        var authors = await _database.WriteAsync(connection => _authors ??= new SqliteAuthorIndexer(_database, connection), cancellationToken)
            .ConfigureAwait(false);
        await authors.CatchUpAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<Mention?> GetAsync(long id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {MentionRowReader.Columns} FROM mentions m WHERE m.id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? MentionRowReader.Read(reader) : null;
        }));
    }

    /// <summary>
    /// Newest first. <see cref="MentionFilter.From"/> is inclusive and <see cref="MentionFilter.To"/> exclusive
    /// (millisecond precision). Throws <see cref="InvalidCursorException"/> for a cursor this store did not issue.
    /// </summary>
    public async Task<MentionPage> SearchAsync(MentionFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (limit is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be between 1 and {MaxPageSize}");
        long? before = string.IsNullOrEmpty(cursor) ? null : MentionPageCursor.Decode(cursor);
        cancellationToken.ThrowIfCancellationRequested();
        await CatchUpTextIndexAsync(filter, cancellationToken).ConfigureAwait(false);
        return Page(filter, limit, before);
    }

    /// <summary>Read-your-writes over the text index: what is stored is searchable, even while the indexer is a round behind.</summary>
    private Task CatchUpTextIndexAsync(MentionFilter filter, CancellationToken cancellationToken) =>
        _database.Fts.IsBehind && SqliteMentionSearch.ReadsTextIndex(filter) ? _database.Fts.CatchUpAsync(cancellationToken) : Task.CompletedTask;

    public async IAsyncEnumerable<Mention> ExportAsync(MentionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // Page by id instead of holding one long read transaction, which would keep the WAL from checkpointing.
        long? before = null;
        // Once, at the start: the export is of what was stored when it began (newer mentions are above its first page anyway).
        await CatchUpTextIndexAsync(filter, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await Task.Run(() => Fetch(filter, ExportPageSize, before), cancellationToken).ConfigureAwait(false);
            foreach (var mention in page) yield return mention;
            if (page.Count < ExportPageSize) yield break;
            before = page[^1].Id;
        }
    }

    public Task<TrendResult> TrendsAsync(TrendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Read(connection => SqliteTrendQueries.Trends(connection, request)));
    }

    public Task<IReadOnlyList<WatchVolume>> VolumeByWatchAsync(IReadOnlyList<string> watches, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watches);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Read(connection => SqliteTrendQueries.Volume(connection, watches, from, to)));
    }

    public Task<string?> GetCursorAsync(string sourceKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM source_cursors WHERE source_key = $key";
            command.Parameters.AddWithValue("$key", sourceKey);
            return command.ExecuteScalar() as string;
        }));
    }

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce((SELECT value FROM counters WHERE name = 'mentions'), 0)";
            return (long)command.ExecuteScalar()!;
        }));
    }

    public Task<IReadOnlyList<Mention>> ReadArrivedAfterAsync(long afterArrival, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be between 1 and 100000");
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<Mention>>(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {MentionRowReader.Columns} FROM mentions m WHERE m.arrival > $after ORDER BY m.arrival LIMIT $limit";
            command.Parameters.AddWithValue("$after", afterArrival);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var items = new List<Mention>();
            while (reader.Read()) items.Add(MentionRowReader.Read(reader));
            return items;
        }));
    }

    public Task<long> LastArrivalAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(arrival), 0) FROM mentions WHERE arrival IS NOT NULL";
            return (long)command.ExecuteScalar()!;
        }));
    }

    private MentionPage Page(MentionFilter filter, int limit, long? before)
    {
        // One extra row tells whether another page exists, so the last page has no cursor.
        var rows = Fetch(filter, limit + 1, before);
        if (rows.Count <= limit) return new MentionPage(rows, null);
        rows.RemoveAt(rows.Count - 1);
        return new MentionPage(rows, MentionPageCursor.Encode(rows[^1].Id));
    }

    private List<Mention> Fetch(MentionFilter filter, int limit, long? before) => _database.Read(connection =>
    {
        using var command = SqliteMentionSearch.Build(connection, filter, limit, before);
        using var reader = command.ExecuteReader();
        var items = new List<Mention>(Math.Min(limit, 128));
        while (reader.Read()) items.Add(MentionRowReader.Read(reader));
        return items;
    });

    public void Dispose()
    {
        // First the author indexer: it writes through the database, and only between two of its transactions does it stop.
        _authors?.Dispose();
        // The writer's commands belong to the writer connection: release them under the write lock
        // (a database already disposed has closed them with its connection).
        if (!_database.IsDisposed)
            _database.WriteAsync(_ => { _writer?.Dispose(); return 0; }, CancellationToken.None).GetAwaiter().GetResult();
        if (_ownsDatabase) _database.Dispose();
    }
}
