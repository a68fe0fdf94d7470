using System.Text;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Builds the page query for a filter. Because ids follow createdAt, every plan is a descending rowid walk that
/// stops at LIMIT: over FTS5 when there is a query or a token filter, over the watch link table for a watch alone,
/// or over mentions itself. Time bounds and the cursor are rowid bounds on that walk.
/// </summary>
internal static class SqliteMentionSearch
{
    /// <summary>Whether the filter's plan reads <c>mention_fts</c>, which must then be caught up first (<see cref="SqliteFtsIndexer"/>).</summary>
    public static bool ReadsTextIndex(MentionFilter filter)
    {
        filter = WithoutBlanks(filter);
        return !WatchAlone(filter) && FtsQueryTranslator.Translate(filter) is not null;
    }

    public static SqliteCommand Build(SqliteConnection connection, MentionFilter filter, int limit, long? before)
    {
        filter = WithoutBlanks(filter);
        var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT ").Append(MentionRowReader.Columns);
        string rowid;
        var watches = filter.AllWatches();
        var tokenFilterOnlyWatch = WatchAlone(filter);
        var match = tokenFilterOnlyWatch ? null : FtsQueryTranslator.Translate(filter);
        if (match is not null)
        {
            // CROSS JOIN keeps FTS5 as the outer loop, so its rowid-descending order needs no sort.
            sql.Append(" FROM mention_fts CROSS JOIN mentions m ON m.id = mention_fts.rowid WHERE mention_fts MATCH $match");
            command.Parameters.AddWithValue("$match", match);
            rowid = "mention_fts.rowid";
        }
        else if (tokenFilterOnlyWatch)
        {
            sql.Append(" FROM mention_watches w CROSS JOIN mentions m ON m.id = w.mention_id WHERE w.watch = $watch");
            command.Parameters.AddWithValue("$watch", watches[0]);
            rowid = "w.mention_id";
        }
        else
        {
            sql.Append(" FROM mentions m WHERE 1 = 1");
            rowid = "m.id";
        }

        if (before is { } cursor)
        {
            sql.Append(" AND ").Append(rowid).Append(" < $before");
            command.Parameters.AddWithValue("$before", cursor);
        }
        if (filter.From is { } from)
        {
            sql.Append(" AND ").Append(rowid).Append(" >= $from");
            command.Parameters.AddWithValue("$from", MentionIds.Floor(from));
        }
        if (filter.To is { } to)
        {
            sql.Append(" AND ").Append(rowid).Append(" < $to");
            command.Parameters.AddWithValue("$to", MentionIds.Floor(to));
        }
        if (Blank(filter.Triage) is { } triage)
        {
            sql.Append(" AND m.triage = $triage");
            command.Parameters.AddWithValue("$triage", triage);
        }
        if (Blank(filter.Team) is { } team)
        {
            sql.Append(" AND m.team = $team COLLATE NOCASE");
            command.Parameters.AddWithValue("$team", team);
        }
        sql.Append(" ORDER BY ").Append(rowid).Append(" DESC LIMIT $limit");
        command.Parameters.AddWithValue("$limit", limit);
        command.CommandText = sql.ToString();
        return command;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // Blank filter values mean "no filter", the same as null.
    private static MentionFilter WithoutBlanks(MentionFilter filter) => filter with
    {
        Watch = Blank(filter.Watch), Sentiment = Blank(filter.Sentiment), Source = Blank(filter.Source), Lang = Blank(filter.Lang),
    };

    // One watch and no token filter: the watch link table alone, no text index.
    private static bool WatchAlone(MentionFilter filter) => filter.Query is null && filter.AllWatches().Count == 1 && filter.Sentiment is null
        && filter.NeedsReply is null && filter.Source is null && filter.Lang is null;
}
