using System.Globalization;
using System.Text;
using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Triage, history, corrections, replies and response rows in the shared database (see <see cref="SqliteReplyLinker"/> for linking).</summary>
public sealed partial class SqliteSupportStore(SqliteDatabase database) : ISupportStore, IAuthorStore, ICampaignStore
{
    public Task<TriageOutcome> TriageAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var read = Command(connection, transaction,
                "SELECT triage, team, assignee, needs_reply, first_reply_id, first_reply_at FROM mentions WHERE id = $id", ("$id", request.MentionId));
            string current;
            string? team, assignee;
            bool needsReply;
            BrandReply? first;
            using (var r = read.ExecuteReader())
            {
                if (!r.Read()) return new TriageOutcome(TriageResult.NotFound, null, []);
                (current, team, assignee, needsReply) = (r.GetString(0), Text(r, 1), Text(r, 2), r.GetInt64(3) != 0);
                first = r.IsDBNull(4) ? null : new BrandReply(r.GetInt64(4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));
            }
            var allowed = TriageStates.AllowedFrom(current);
            if (!allowed.Contains(request.Move)) return new TriageOutcome(TriageResult.NotAllowed, current, allowed);

            var target = TriageStates.Target(request.Move);
            team = request.Team ?? team;
            assignee = request.Assignee ?? assignee;
            var at = request.At.ToUnixTimeMilliseconds();
            using (var update = Command(connection, transaction, "UPDATE mentions SET triage = $t, team = $team, assignee = $assignee WHERE id = $id",
                       ("$t", target), ("$team", team), ("$assignee", assignee), ("$id", request.MentionId)))
                update.ExecuteNonQuery();
            using (var history = Command(connection, transaction,
                       "INSERT INTO triage_history(mention_id, at, actor, from_state, to_state, team, assignee, note) VALUES ($id, $at, $actor, $from, $to, $team, $assignee, $note)",
                       ("$id", request.MentionId), ("$at", at), ("$actor", request.Actor), ("$from", current), ("$to", request.Move),
                       ("$team", team), ("$assignee", assignee), ("$note", request.Note)))
                history.ExecuteNonQuery();
            if (request.ImpliedCorrection(needsReply) is { } implied)
            {
                using var correction = Command(connection, transaction,
                    "INSERT INTO corrections(mention_id, field, old_value, new_value, actor, at) VALUES ($id, $f, $old, $new, $actor, $at)",
                    ("$id", implied.MentionId), ("$f", implied.Field), ("$old", implied.OldValue), ("$new", implied.NewValue), ("$actor", implied.Actor), ("$at", at));
                correction.ExecuteNonQuery();
            }
            transaction.Commit();
            return new TriageOutcome(TriageResult.Changed, target, TriageStates.AllowedFrom(target), new MentionSupport(target, team, assignee, first));
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TriageEntry>?> HistoryAsync(long mentionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<TriageEntry>?>(connection =>
        {
            using (var exists = Command(connection, null, "SELECT 1 FROM mentions WHERE id = $id", ("$id", mentionId)))
                if (exists.ExecuteScalar() is null) return null;
            using var command = Command(connection, null,
                "SELECT id, at, actor, from_state, to_state, team, assignee, note FROM triage_history WHERE mention_id = $id ORDER BY id", ("$id", mentionId));
            using var r = command.ExecuteReader();
            var entries = new List<TriageEntry>();
            while (r.Read())
                entries.Add(new TriageEntry(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), Text(r, 2), r.GetString(3), r.GetString(4),
                    Text(r, 5), Text(r, 6), Text(r, 7)));
            return entries;
        }));
    }

    public Task<IReadOnlyList<Correction>> CorrectionsAsync(long mentionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<Correction>>(connection =>
        {
            using var command = Command(connection, null,
                "SELECT mention_id, field, old_value, new_value, actor, at, note FROM corrections WHERE mention_id = $id ORDER BY id", ("$id", mentionId));
            using var r = command.ExecuteReader();
            var list = new List<Correction>();
            while (r.Read())
                list.Add(new Correction(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), Text(r, 6)));
            return list;
        }));
    }

    public Task<IReadOnlyDictionary<long, IReadOnlyList<BrandReply>>> RepliesAsync(IReadOnlyList<long> mentionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentionIds);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyDictionary<long, IReadOnlyList<BrandReply>>>(connection =>
        {
            var result = new Dictionary<long, IReadOnlyList<BrandReply>>();
            using var command = Command(connection, null,
                "SELECT reply_id, reply_at FROM mention_replies WHERE mention_id = $id ORDER BY reply_at, reply_id", ("$id", 0L));
            foreach (var id in mentionIds.Distinct())
            {
                command.Parameters["$id"].Value = id;
                using var r = command.ExecuteReader();
                var list = new List<BrandReply>();
                while (r.Read()) list.Add(new BrandReply(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))));
                result[id] = list;
            }
            return result;
        }));
    }

    public Task<IReadOnlyList<ResponseRow>> ResponseRowsAsync(ResponseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<ResponseRow>>(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder(
                "SELECT m.id, m.source, m.external_id, m.author_handle, m.lang, m.sentiment, m.created_at, m.triage, m.team, m.first_reply_id, " +
                "m.first_reply_at, m.watches FROM mentions m WHERE m.needs_reply = 1 AND m.brand_of = '' AND m.id >= $from AND m.id < $to");
            command.Parameters.AddWithValue("$from", MentionIds.Floor(query.From));
            command.Parameters.AddWithValue("$to", MentionIds.Floor(query.To));
            if (!query.IncludeIgnored) sql.Append(" AND m.triage <> 'ignored'");
            if (query.Watches.Count > 0)
            {
                var names = query.Watches.Select((w, i) =>
                {
                    command.Parameters.AddWithValue("$w" + i, w);
                    return "$w" + i;
                });
                sql.Append(CultureInfo.InvariantCulture, $" AND m.id IN (SELECT mention_id FROM mention_watches WHERE watch IN ({string.Join(", ", names)}) AND mention_id >= $from AND mention_id < $to)");
            }
            AddEquals(command, sql, "m.team", "$team", query.Team, nocase: true);
            AddEquals(command, sql, "m.source", "$source", query.Source);
            AddEquals(command, sql, "m.lang", "$lang", query.Lang);
            sql.Append(" ORDER BY m.id");
            command.CommandText = sql.ToString();
            using var r = command.ExecuteReader();
            var rows = new List<ResponseRow>();
            while (r.Read())
                rows.Add(new ResponseRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), r.GetString(7), Text(r, 8),
                    r.IsDBNull(9) ? null : new BrandReply(r.GetInt64(9), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10))),
                    r.GetString(11).Length == 0 ? [] : r.GetString(11).Split(SqliteMentionWriter.ListSeparator)));
            return rows;
        }));
    }

    private static void AddEquals(SqliteCommand command, StringBuilder sql, string column, string parameter, string? value, bool nocase = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        sql.Append(" AND ").Append(column).Append(" = ").Append(parameter).Append(nocase ? " COLLATE NOCASE" : "");
        command.Parameters.AddWithValue(parameter, value.Trim());
    }

    private static string? Text(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
