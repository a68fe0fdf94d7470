using MentionWatch.Core.Storage.Sqlite;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>
/// SQLite databases for the contract fixtures, each in its own temp directory: reopening one opens the same directory
/// again, as a restart would; closing one deletes its directory.
/// </summary>
internal sealed class SqliteTestStores
{
    private readonly Dictionary<object, TempDirectory> _directories = new(ReferenceEqualityComparer.Instance);

    /// <summary>A new database in a new directory, remembered under the store <paramref name="open"/> makes from it.</summary>
    public T Create<T>(Func<SqliteStoreOptions, T> open)
        where T : class
    {
        var directory = new TempDirectory();
        var store = open(new SqliteStoreOptions { Path = directory.Path });
        _directories[store] = directory;
        return store;
    }

    /// <summary>Closes <paramref name="current"/> (with <paramref name="close"/>) and opens the same directory again.</summary>
    public T Reopen<T>(T current, Action<T> close, Func<SqliteStoreOptions, T> open)
        where T : class
    {
        var directory = _directories[current];
        _directories.Remove(current);
        close(current);
        var reopened = open(new SqliteStoreOptions { Path = directory.Path });
        _directories[reopened] = directory;
        return reopened;
    }

    public void Dispose<T>(T store, Action<T> close)
        where T : class
    {
        close(store);
        if (_directories.Remove(store, out var directory)) directory.Dispose();
    }
}
