using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Pages copied so far of the total, reported after every step of a backup or restore.</summary>
public readonly record struct BackupProgress(long PagesCopied, long PageCount);

/// <summary>What a restore found in the backup file.</summary>
public sealed record RestoreResult(string DatabaseFile, int SchemaVersion, long PageCount);

/// <summary>A backup or restore that cannot go ahead; the message says what to do next.</summary>
public sealed class SqliteBackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Online backup and restore of the embedded store with SQLite's backup API (raw <c>sqlite3_backup_*</c> calls, since
/// <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/> copies in one step and cannot report progress).
/// The backup holds one read transaction across all its steps: in WAL mode that pins a snapshot, so a running server
/// keeps writing, nothing it commits meanwhile restarts the copy, and the file holds exactly what was committed when
/// the backup began.
/// </summary>
public static class SqliteBackup
{
    private const int PagesPerStep = 256;

    /// <summary>The schema version this build writes; a backup with a newer one cannot be restored by it.</summary>
    public static int LatestSchemaVersion => SqliteSchema.LatestVersion;

    /// <summary>Copies the store in <paramref name="storeDirectory"/> to <paramref name="outputFile"/>, a single self-contained file.</summary>
    public static long Backup(string storeDirectory, string outputFile, bool overwrite, Action<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var databaseFile = Path.Combine(storeDirectory, SqliteStoreOptions.FileName);
        if (!File.Exists(databaseFile))
            throw new SqliteBackupException($"No store at {Path.GetFullPath(storeDirectory)} ({SqliteStoreOptions.FileName} not found); pass the directory that Storage:Path names.");
        if (File.Exists(outputFile) && !overwrite)
            throw new SqliteBackupException($"{Path.GetFullPath(outputFile)} already exists; choose another --out or pass --force to replace it.");
        var partial = outputFile + ".partial";
        File.Delete(partial);
        long pages;
        using (var source = Open(databaseFile, SqliteOpenMode.ReadWrite))
        {
            Execute(source, "PRAGMA query_only=1");
            using var snapshot = source.BeginTransaction(deferred: true);
            // The first read starts the transaction and fixes the snapshot every step copies from.
            using (var read = source.CreateCommand())
            {
                read.Transaction = snapshot;
                read.CommandText = "SELECT count(*) FROM sqlite_master";
                read.ExecuteScalar();
            }
            using var destination = Open(partial, SqliteOpenMode.ReadWriteCreate);
            pages = Copy(source, destination, progress, cancellationToken);
            snapshot.Commit();
            // A backup is one file: no -wal beside it. The server switches the restored copy back to WAL when it opens it.
            Execute(destination, "PRAGMA journal_mode=DELETE");
            var check = Scalar(destination, "PRAGMA quick_check");
            if (check != "ok") throw new SqliteBackupException($"The copy failed its check ({check}); the store itself may be damaged: run PRAGMA integrity_check on {databaseFile}.");
        }
        File.Move(partial, outputFile, overwrite);
        return pages;
    }

    /// <summary>
    /// Checks <paramref name="backupFile"/> (integrity, schema version) and copies it into <paramref name="storeDirectory"/>;
    /// a directory that is not empty is replaced only with <paramref name="force"/> (stop the server first).
    /// </summary>
    public static RestoreResult Restore(string backupFile, string storeDirectory, bool force, Action<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(backupFile)) throw new SqliteBackupException($"Backup file {Path.GetFullPath(backupFile)} not found.");
        var version = Check(backupFile);
        if (Directory.Exists(storeDirectory) && Directory.EnumerateFileSystemEntries(storeDirectory).Any() && !force)
            throw new SqliteBackupException(
                $"The store directory {Path.GetFullPath(storeDirectory)} is not empty; restore into an empty directory, " +
                "or stop the server and pass --force to replace its store.");
        Directory.CreateDirectory(storeDirectory);
        var databaseFile = Path.Combine(storeDirectory, SqliteStoreOptions.FileName);
        var partial = databaseFile + ".restoring";
        File.Delete(partial);
        long pages;
        using (var source = Open(backupFile, SqliteOpenMode.ReadOnly))
        using (var destination = Open(partial, SqliteOpenMode.ReadWriteCreate))
        {
            pages = Copy(source, destination, progress, cancellationToken);
            Execute(destination, "PRAGMA journal_mode=DELETE");
        }
        // The old store's WAL and shared-memory files belong to the old database: they go with it.
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(databaseFile + suffix);
        File.Move(partial, databaseFile);
        return new RestoreResult(databaseFile, version, pages);
    }

    /// <summary>PRAGMA integrity_check and the schema version; throws naming the problem and what to do.</summary>
    private static int Check(string backupFile)
    {
        try
        {
            using var connection = Open(backupFile, SqliteOpenMode.ReadOnly);
            var integrity = Scalar(connection, "PRAGMA integrity_check");
            if (integrity != "ok")
                throw new SqliteBackupException($"{backupFile} is damaged (integrity_check: {integrity}); restore an older backup, or take a new one from the running server.");
            if (Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") == "0")
                throw new SqliteBackupException($"{backupFile} is a SQLite file but not a MentionWatch store (no schema_version table).");
            var version = int.Parse(Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
            if (version > LatestSchemaVersion)
                throw new SqliteBackupException(
                    $"{backupFile} has schema version {version}, newer than this mentionwatch supports ({LatestSchemaVersion}); restore it with the version of mentionwatch that took it, or a newer one.");
            return version;
        }
        catch (SqliteException ex)
        {
            throw new SqliteBackupException($"{backupFile} is not a readable SQLite database ({ex.Message}); check the path, or restore another backup.", ex);
        }
    }

    private static long Copy(SqliteConnection source, SqliteConnection destination, Action<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var backup = raw.sqlite3_backup_init(destination.Handle, "main", source.Handle, "main")
            ?? throw new SqliteBackupException($"The backup could not start: {raw.sqlite3_errmsg(destination.Handle).utf8_to_string()}");
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_backup_step(backup, PagesPerStep);
                long total = raw.sqlite3_backup_pagecount(backup), remaining = raw.sqlite3_backup_remaining(backup);
                if (rc is raw.SQLITE_OK or raw.SQLITE_DONE) progress?.Invoke(new BackupProgress(total - remaining, total));
                if (rc == raw.SQLITE_DONE) return total;
                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
                {
                    Thread.Sleep(50);
                    continue;
                }
                if (rc != raw.SQLITE_OK)
                    throw new SqliteBackupException($"The backup failed at page {total - remaining} of {total}: {raw.sqlite3_errstr(rc).utf8_to_string()}");
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=30000");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
