using System.Text.Json;
using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

public sealed partial class SqliteSupportStore
{
    public Task<bool> LinkAsync(AuthorIdentity a, AuthorIdentity b, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // Stored once per unordered pair: the smaller identity first.
        if (string.CompareOrdinal(Key(a), Key(b)) > 0) (a, b) = (b, a);
        return database.WriteAsync(connection =>
        {
            using var command = Command(connection, null,
                "INSERT OR IGNORE INTO author_links(a_source, a_handle, b_source, b_handle, actor, at) VALUES ($as, $ah, $bs, $bh, $actor, $at)",
                ("$as", a.Source), ("$ah", a.Handle), ("$bs", b.Source), ("$bh", b.Handle), ("$actor", actor), ("$at", at.ToUnixTimeMilliseconds()));
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AuthorIdentity>> IdentitiesAsync(AuthorIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<AuthorIdentity>>(connection =>
        {
            var found = new List<AuthorIdentity> { identity };
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Key(identity) };
            using var command = Command(connection, null,
                "SELECT b_source, b_handle FROM author_links WHERE a_source = $s AND a_handle = $h " +
                "UNION SELECT a_source, a_handle FROM author_links WHERE b_source = $s AND b_handle = $h", ("$s", ""), ("$h", ""));
            for (var i = 0; i < found.Count && found.Count < 1000; i++)
            {
                command.Parameters["$s"].Value = found[i].Source;
                command.Parameters["$h"].Value = found[i].Handle;
                using var r = command.ExecuteReader();
                while (r.Read())
                {
                    var next = new AuthorIdentity(r.GetString(0), r.GetString(1));
                    if (seen.Add(Key(next))) found.Add(next);
                }
            }
            return found;
        }));
    }

    /// <summary>
    /// The mentions of author ($s, $h) the indexer has not reached. INDEXED BY, because without statistics the planner
    /// picks ux_mentions_source_external for "source = $s" and walks every mention of the source instead of the short tail.
    /// </summary>
    internal const string UnindexedByAuthor =
        "FROM mentions m INDEXED BY ix_mentions_arrival WHERE m.arrival > " +
        $"coalesce((SELECT value FROM counters WHERE name = '{SqliteAuthorIndexer.PositionCounter}'), 0) " +
        "AND m.source = $s AND m.author_handle = $h COLLATE NOCASE";

    /// <summary>
    /// Newest first: the indexed mentions (author_mentions) and those arrived after the indexer's position, read in one
    /// read transaction so the position and the rows agree. The unindexed tail is short (the indexer starts a round at
    /// <see cref="SqliteAuthorIndexer.StartAt"/>) and walked through ix_mentions_arrival.
    /// </summary>
    public Task<IReadOnlyList<Mention>> MentionsByAsync(IReadOnlyList<AuthorIdentity> identities, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<Mention>>(connection =>
        {
            var all = new Dictionary<long, Mention>();
            using var transaction = connection.BeginTransaction(deferred: true);
            using var indexed = Command(connection, transaction,
                $"SELECT {MentionRowReader.Columns} FROM author_mentions a JOIN mentions m ON m.id = a.id " +
                "WHERE a.source = $s AND a.handle = $h ORDER BY a.id DESC LIMIT $limit",
                ("$s", ""), ("$h", ""), ("$limit", limit));
            using var unindexed = Command(connection, transaction, $"SELECT {MentionRowReader.Columns} {UnindexedByAuthor}", ("$s", ""), ("$h", ""));
            foreach (var identity in identities)
                foreach (var command in (SqliteCommand[])[indexed, unindexed])
                {
                    command.Parameters["$s"].Value = identity.Source;
                    command.Parameters["$h"].Value = identity.Handle;
                    using var r = command.ExecuteReader();
                    while (r.Read())
                    {
                        var mention = MentionRowReader.Read(r);
                        all.TryAdd(mention.Id, mention);
                    }
                }
            transaction.Commit();
            return all.Values.OrderByDescending(m => m.Id).Take(limit).ToList();
        }));
    }

    public Task<bool> UpsertCampaignAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return database.WriteAsync(connection =>
        {
            using var exists = Command(connection, null, "SELECT 1 FROM campaigns WHERE name = $n", ("$n", campaign.Name));
            var created = exists.ExecuteScalar() is null;
            using var upsert = Command(connection, null,
                "INSERT INTO campaigns(name, watches, start_at, end_at) VALUES ($n, $w, $s, $e) " +
                "ON CONFLICT(name) DO UPDATE SET watches = excluded.watches, start_at = excluded.start_at, end_at = excluded.end_at",
                ("$n", campaign.Name), ("$w", JsonSerializer.Serialize(campaign.Watches)),
                ("$s", campaign.Start.ToUnixTimeMilliseconds()), ("$e", campaign.End.ToUnixTimeMilliseconds()));
            upsert.ExecuteNonQuery();
            return created;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<Campaign>>(connection =>
        {
            using var command = Command(connection, null, "SELECT name, watches, start_at, end_at FROM campaigns ORDER BY start_at, name");
            using var r = command.ExecuteReader();
            var list = new List<Campaign>();
            while (r.Read())
                list.Add(new Campaign(r.GetString(0), JsonSerializer.Deserialize<string[]>(r.GetString(1)) ?? [],
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))));
            return list;
        }));
    }

    public Task<bool> DeleteCampaignAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(connection =>
        {
            using var command = Command(connection, null, "DELETE FROM campaigns WHERE name = $n", ("$n", name));
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    private static string Key(AuthorIdentity identity) => identity.Source.ToLowerInvariant() + "\u001f" + identity.Handle.ToLowerInvariant();
}
