using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// A statement prepared once on the writer connection and bound by position. The ingest benchmark showed
/// Microsoft.Data.Sqlite spending about 30% of write time resolving parameter names on every execution;
/// binding by index removes that. Only the hot batch-insert path uses it; everything else uses SqliteCommand.
/// Transactions stay with the SqliteConnection (BEGIN/COMMIT through SqliteTransaction).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, long? value) =>
        value is { } v ? Bind(index, v) : Bind(index, (string?)null);

    /// <summary>Runs the statement to completion; returns the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The first column of the first row as an integer, or null for no row or NULL.</summary>
    public long? ScalarInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_DONE) return null;
            if (rc != raw.SQLITE_ROW) Check(rc);
            return raw.sqlite3_column_type(_statement, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, 0);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement to completion, calling <paramref name="onRow"/> for each row (read it with the Column methods).</summary>
    public void ForEachRow(Action<RawStatement> onRow)
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW) onRow(this);
            if (rc != raw.SQLITE_DONE) Check(rc);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public long ColumnInt64(int index) => raw.sqlite3_column_int64(_statement, index);

    public string ColumnText(int index) => raw.sqlite3_column_text(_statement, index).utf8_to_string() ?? "";

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }
}
