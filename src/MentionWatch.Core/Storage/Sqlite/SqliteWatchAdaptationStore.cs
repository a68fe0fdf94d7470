using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Per-watch adaptations in the <c>watch_adaptations</c> table of the shared database (one row per watch).</summary>
public sealed class SqliteWatchAdaptationStore(SqliteDatabase database) : IWatchAdaptationStore
{
    public Task SaveAdaptationAsync(StoredAdaptation adaptation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adaptation);
        ArgumentException.ThrowIfNullOrWhiteSpace(adaptation.Watch);
        return database.WriteAsync(connection =>
        {
            using var upsert = connection.CreateCommand();
            upsert.CommandText =
                """
                INSERT INTO watch_adaptations(watch, state, trained_at, actor, report, delta) VALUES ($w, $s, $at, $a, $r, $d)
                ON CONFLICT(watch) DO UPDATE SET state = excluded.state, trained_at = excluded.trained_at, actor = excluded.actor,
                    report = excluded.report, delta = excluded.delta
                """;
            upsert.Parameters.AddWithValue("$w", adaptation.Watch);
            upsert.Parameters.AddWithValue("$s", adaptation.State);
            upsert.Parameters.AddWithValue("$at", adaptation.TrainedAt.ToUnixTimeMilliseconds());
            upsert.Parameters.AddWithValue("$a", adaptation.Actor);
            upsert.Parameters.AddWithValue("$r", adaptation.Report);
            upsert.Parameters.Add("$d", SqliteType.Blob).Value = (object?)adaptation.Delta ?? DBNull.Value;
            return upsert.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredAdaptation>> ListAdaptationsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<StoredAdaptation>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT watch, state, trained_at, actor, report, delta FROM watch_adaptations ORDER BY watch";
            using var r = command.ExecuteReader();
            var list = new List<StoredAdaptation>();
            while (r.Read())
                list.Add(new StoredAdaptation(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetString(3),
                    r.GetString(4), r.IsDBNull(5) ? null : (byte[])r.GetValue(5)));
            return list;
        }));
    }

    public Task<bool> DeleteAdaptationAsync(string watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM watch_adaptations WHERE watch = $w";
            command.Parameters.AddWithValue("$w", watch);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }
}
