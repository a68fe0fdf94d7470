using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// The embedded database file: one writer connection (writes are serialized) and a small pool of read
/// connections, WAL mode, schema migrated at open. Share one instance between <see cref="SqliteMentionStore"/>
/// and <see cref="SqliteWatchStore"/>.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private static readonly Action<ILogger, string, int, int, Exception?> LogMigrated = LoggerMessage.Define<string, int, int>(
        LogLevel.Information, new EventId(1, "Migrated"), "Migrated {DatabaseFile} from schema version {FromVersion} to {ToVersion}");
    private static readonly Action<ILogger, string, int, Exception?> LogOpened = LoggerMessage.Define<string, int>(
        LogLevel.Information, new EventId(2, "Opened"), "Opened {DatabaseFile} at schema version {SchemaVersion}");
    private static readonly Action<ILogger, string, Exception?> LogCheckpointFailed = LoggerMessage.Define<string>(
        LogLevel.Warning, new EventId(3, "CheckpointFailed"), "Checkpointing {DatabaseFile} failed; the next one retries");

    /// <summary>Writes between two background checkpoints.</summary>
    internal const int CheckpointEvery = 16;
    private readonly ILogger _logger;
    private readonly Lock _checkpointGate = new();
    private SqliteConnection? _checkpointer;
    private int _writesSinceCheckpoint;
    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<SqliteConnection> _idleReaders = [];
    private readonly SqliteFtsIndexer _fts;
    private int _idleCount;
    private bool _disposed;

    private SqliteDatabase(SqliteStoreOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        // synchronous=NORMAL in WAL: a committed transaction survives a process kill (the WAL is in the OS
        // cache); only a power loss can drop the last commits.
        Pragmas(_writer, "journal_mode=WAL", "synchronous=NORMAL", "temp_store=MEMORY",
            $"cache_size=-{options.CacheSizeMiB * 1024}", "mmap_size=1073741824", "busy_timeout=30000",
            // Checkpoints (copying the WAL into the database file, and that file's fsync) run on their own connection
            // after every CheckpointEvery writes (see AfterWrite). Left to wal_autocheckpoint, the commit that crossed
            // the threshold did the copy and the fsync itself, under the write lock, and one ingest batch in ten waited
            // for it. The automatic one stays as a backstop at ~400 MB, should background checkpoints keep failing.
            "wal_autocheckpoint=100000");
        var before = SqliteSchema.CurrentVersionOrZero(_writer);
        SchemaVersion = SqliteSchema.Migrate(_writer);
        if (before != SchemaVersion)
            LogMigrated(logger, options.DatabaseFile, before, SchemaVersion, null);
        else
            LogOpened(logger, options.DatabaseFile, SchemaVersion, null);
        _fts = new SqliteFtsIndexer(this, _writer);
    }

    /// <summary>Opens (creating the directory and file when missing) and migrates the database.</summary>
    public static SqliteDatabase Open(SqliteStoreOptions options, ILogger<SqliteDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path)) throw new ArgumentException("Storage path is empty.", nameof(options));
        Directory.CreateDirectory(options.Path);
        return new SqliteDatabase(options, (ILogger?)logger ?? NullLogger.Instance);
    }

    public int SchemaVersion { get; }

    public string DatabaseFile => _options.DatabaseFile;

    /// <summary>For the store's background work (author indexing) to report failures where the database's own go.</summary>
    internal ILogger Logger => _logger;

    internal bool IsDisposed => _disposed;

    /// <summary>The text index's writer, shared by every store on this database that changes <c>mention_fts</c> or reads it.</summary>
    internal SqliteFtsIndexer Fts => _fts;

    /// <summary>Runs <paramref name="work"/> on the single writer connection, one caller at a time.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work(_writer);
        }
        finally
        {
            AfterWrite();
            _writeLock.Release();
        }
    }

    /// <summary>Holds the writer until the returned lease is disposed; use <see cref="WriterConnection"/> meanwhile.</summary>
    internal async Task<IDisposable> LockWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_disposed)
        {
            _writeLock.Release();
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }
        return new WriterLease(this);
    }

    /// <summary>The writer connection; only valid while holding a lease from <see cref="LockWriterAsync"/>.</summary>
    internal SqliteConnection WriterConnection => _writer;

    private sealed class WriterLease(SqliteDatabase database) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            database.AfterWrite();
            database._writeLock.Release();
        }
    }

    /// <summary>The latest background checkpoint (completed when none is running).</summary>
    internal Task Checkpoint { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Called by the writer before it releases the lock, so that only one caller at a time gets here: every
    /// <see cref="CheckpointEvery"/> writes, a passive checkpoint starts on its own connection unless one is running.
    /// Passive means it neither waits for nor blocks the writer or readers; it copies what no reader still needs.
    /// </summary>
    private void AfterWrite()
    {
        if (++_writesSinceCheckpoint < CheckpointEvery || !Checkpoint.IsCompleted) return;
        _writesSinceCheckpoint = 0;
        Checkpoint = Task.Run(CheckpointNow);
    }

    private void CheckpointNow()
    {
        lock (_checkpointGate)
        {
            if (_disposed) return;
            try
            {
                if (_checkpointer is null)
                {
                    _checkpointer = new SqliteConnection(_connectionString);
                    _checkpointer.Open();
                    Pragmas(_checkpointer, "busy_timeout=30000");
                }
                Pragmas(_checkpointer, "wal_checkpoint(PASSIVE)");
            }
            catch (SqliteException ex)
            {
                LogCheckpointFailed(_logger, _options.DatabaseFile, ex);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read connection.</summary>
    internal T Read<T>(Func<SqliteConnection, T> work)
    {
        var connection = RentReader();
        try
        {
            return work(connection);
        }
        finally
        {
            ReturnReader(connection);
        }
    }

    internal SqliteConnection RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idleReaders.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }
        connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Readers go through the memory map, so a small page cache each is enough; the writer gets the big one.
        Pragmas(connection, "query_only=1", "temp_store=MEMORY", $"cache_size=-{Math.Min(_options.CacheSizeMiB, 16) * 1024}",
            "mmap_size=1073741824", "busy_timeout=30000");
        return connection;
    }

    internal void ReturnReader(SqliteConnection connection)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= _options.MaxIdleReaders)
        {
            _idleReaders.Add(connection);
            return;
        }
        Interlocked.Decrement(ref _idleCount);
        connection.Dispose();
    }

    public void Dispose()
    {
        if (_disposed) return;
        // Its rounds wait for the writer lock: stopped first, then what they left is indexed under the lock.
        _fts.Dispose();
        _writeLock.Wait();
        try
        {
            if (!_disposed) _fts.Flush(_writer);
            lock (_checkpointGate)
            {
                _disposed = true;
                _checkpointer?.Dispose();
            }
            while (_idleReaders.TryTake(out var reader)) reader.Dispose();
            Pragmas(_writer, "optimize");
            _writer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void Pragmas(SqliteConnection connection, params string[] pragmas)
    {
        using var command = connection.CreateCommand();
        foreach (var pragma in pragmas)
        {
            command.CommandText = "PRAGMA " + pragma;
            command.ExecuteNonQuery();
        }
    }
}
