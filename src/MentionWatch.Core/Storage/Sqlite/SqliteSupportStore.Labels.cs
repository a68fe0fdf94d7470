using System.Text;
using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

public sealed partial class SqliteSupportStore : ILabelCorrectionStore
{
    public Task<LabelCorrectionOutcome?> CorrectLabelsAsync(LabelCorrectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return database.WriteAsync<LabelCorrectionOutcome?>(connection =>
        {
            // The document swap below deletes the old one: it must be in the index first.
            database.Fts.CatchUp(connection);
            using var transaction = connection.BeginTransaction();
            Mention mention;
            using (var read = Command(connection, transaction, $"SELECT {MentionRowReader.Columns} FROM mentions m WHERE m.id = $id", ("$id", request.MentionId)))
            using (var r = read.ExecuteReader())
            {
                if (!r.Read()) return null;
                mention = MentionRowReader.Read(r);
            }
            var (corrected, changes) = request.ApplyTo(mention);
            if (changes.Count == 0) return new LabelCorrectionOutcome(mention, []);
            var (sentiment, needsReply) = (corrected.Sentiment, corrected.NeedsReply);
            var at = request.At.ToUnixTimeMilliseconds();

            using (var update = Command(connection, transaction,
                       "UPDATE mentions SET sentiment = $s, p_negative = $pn, p_neutral = $pu, p_positive = $pp, needs_reply = $r, needs_reply_p = $rp WHERE id = $id",
                       ("$s", sentiment.Label), ("$pn", sentiment.Negative), ("$pu", sentiment.Neutral), ("$pp", sentiment.Positive),
                       ("$r", needsReply.Value ? 1 : 0), ("$rp", needsReply.Probability), ("$id", mention.Id)))
                update.ExecuteNonQuery();
            // Searches filter on the index's meta tokens (sentiment:, needsReply:): swap the document so they follow the label.
            StringBuilder body = new(), tags = new(), handles = new(), meta = new();
            var (b, t, h) = FtsDocument.Text(mention.Post.Text, body, tags, handles);
            using (var delete = Command(connection, transaction,
                       "INSERT INTO mention_fts(mention_fts, rowid, body, tags, handles, meta) VALUES ('delete', $id, $b, $t, $h, $m)",
                       ("$id", mention.Id), ("$b", b), ("$t", t), ("$h", h), ("$m", FtsDocument.Meta(mention, meta))))
                delete.ExecuteNonQuery();
            using (var insert = Command(connection, transaction,
                       "INSERT INTO mention_fts(rowid, body, tags, handles, meta) VALUES ($id, $b, $t, $h, $m)",
                       ("$id", mention.Id), ("$b", b), ("$t", t), ("$h", h), ("$m", FtsDocument.Meta(corrected, meta))))
                insert.ExecuteNonQuery();
            foreach (var c in changes)
            {
                using var insert = Command(connection, transaction,
                    "INSERT INTO corrections(mention_id, field, old_value, new_value, actor, at, note) VALUES ($id, $f, $o, $n, $a, $at, $note)",
                    ("$id", c.MentionId), ("$f", c.Field), ("$o", c.OldValue), ("$n", c.NewValue), ("$a", c.Actor), ("$at", at), ("$note", c.Note));
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            return new LabelCorrectionOutcome(corrected, changes);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CorrectedText>> CorrectedTextsAsync(string? watch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read<IReadOnlyList<CorrectedText>>(connection =>
        {
            // The latest correction of each field of each mention wins: the export is the current truth, not the log.
            var sql = new StringBuilder(
                "SELECT c.mention_id, c.field, c.new_value, m.text, m.watches FROM corrections c JOIN mentions m ON m.id = c.mention_id " +
                "WHERE c.id IN (SELECT MAX(id) FROM corrections GROUP BY mention_id, field)");
            var parameters = new List<(string, object?)>();
            if (watch is not null)
            {
                sql.Append(" AND c.mention_id IN (SELECT mention_id FROM mention_watches WHERE watch = $w)");
                parameters.Add(("$w", watch));
            }
            sql.Append(" ORDER BY c.id");
            using var command = Command(connection, null, sql.ToString(), [.. parameters]);
            using var r = command.ExecuteReader();
            var list = new List<CorrectedText>();
            while (r.Read())
                list.Add(new CorrectedText(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                    r.GetString(4).Length == 0 ? [] : r.GetString(4).Split(SqliteMentionWriter.ListSeparator)));
            return list;
        }));
    }
}
