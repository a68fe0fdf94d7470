using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// The last arrival a background index has taken in, kept as a row of <c>counters</c>. Written in the same transaction
/// as the index rows, so after a crash the index resumes exactly where its last commit left it.
/// </summary>
internal static class IndexPosition
{
    public static long Read(SqliteConnection connection, string counter)
    {
        using var select = new RawStatement(connection, $"SELECT value FROM counters WHERE name = '{counter}'");
        return select.ScalarInt64() ?? 0;
    }

    /// <summary>Inside the caller's open transaction.</summary>
    public static void Write(SqliteConnection connection, string counter, long arrival)
    {
        using var upsert = new RawStatement(connection,
            $"INSERT INTO counters(name, value) VALUES ('{counter}', ?1) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
        upsert.Bind(1, arrival).Execute();
    }
}
