using System.Text.Json;
using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Watches kept in the same database as the mentions.</summary>
public sealed class SqliteWatchStore : IWatchStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly bool _ownsDatabase;

    /// <summary>Uses a shared database; the caller disposes it.</summary>
    public SqliteWatchStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    /// <summary>Opens its own database from <paramref name="options"/> and disposes it with the store.</summary>
    public SqliteWatchStore(SqliteStoreOptions options) : this(SqliteDatabase.Open(options))
    {
        _ownsDatabase = true;
    }

    public Task<IReadOnlyList<Watch>> ListWatchesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<Watch>>(_database.Read(connection => Query(connection, null)));
    }

    public Task<Watch?> GetWatchAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_database.Read(connection => Query(connection, name).FirstOrDefault()));
    }

    public Task<bool> UpsertWatchAsync(Watch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentException.ThrowIfNullOrWhiteSpace(watch.Name);
        return _database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = "SELECT 1 FROM watches WHERE name = $name";
            exists.Parameters.AddWithValue("$name", watch.Name);
            var created = exists.ExecuteScalar() is null;

            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText =
                """
                INSERT INTO watches(name, query, own_handles, competitors, noise) VALUES ($name, $query, $own, $competitors, $noise)
                ON CONFLICT(name) DO UPDATE SET query = excluded.query, own_handles = excluded.own_handles,
                    competitors = excluded.competitors, noise = excluded.noise
                """;
            upsert.Parameters.AddWithValue("$name", watch.Name);
            upsert.Parameters.AddWithValue("$query", watch.Query ?? "");
            upsert.Parameters.AddWithValue("$own", JsonSerializer.Serialize(watch.OwnHandles ?? []));
            upsert.Parameters.AddWithValue("$competitors", JsonSerializer.Serialize(watch.Competitors ?? []));
            upsert.Parameters.AddWithValue("$noise", watch.Noise is { IsOff: false } noise ? JsonSerializer.Serialize(noise) : DBNull.Value);
            upsert.ExecuteNonQuery();
            transaction.Commit();
            return created;
        }, cancellationToken);
    }

    public Task<bool> DeleteWatchAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM watches WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    private static List<Watch> Query(SqliteConnection connection, string? name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, query, own_handles, competitors, noise FROM watches" +
            (name is null ? " ORDER BY name" : " WHERE name = $name");
        if (name is not null) command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        var watches = new List<Watch>();
        while (reader.Read())
            watches.Add(new Watch(reader.GetString(0), reader.GetString(1),
                JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? [],
                JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [])
            {
                Noise = reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<WatchNoise>(reader.GetString(4)),
            });
        return watches;
    }

    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }
}
