using System.Text;
using MentionWatch.Core.Query;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Translates a query tree plus the token filters of a <see cref="MentionFilter"/> into one FTS5 MATCH expression.
/// Every token is emitted as a quoted string (quotes doubled), so user text can never become FTS5 syntax.
/// NOT is binary in FTS5; a negation without a positive sibling is anchored on the token every row has.
/// </summary>
internal static class FtsQueryTranslator
{
    /// <summary>The MATCH expression, or null when neither the query nor the filters need the index.</summary>
    public static string? Translate(MentionFilter filter)
    {
        var parts = new List<QueryNode>();
        if (filter.Query is not null) parts.Add(filter.Query);
        var extra = new List<string>();
        var watches = filter.AllWatches();
        if (watches.Count == 1) extra.Add(FtsDocument.Watch(watches[0]));
        if (filter.Sentiment is not null) extra.Add(FtsDocument.Sentiment(filter.Sentiment));
        if (filter.NeedsReply is { } needsReply) extra.Add(FtsDocument.NeedsReply(needsReply));
        if (filter.Source is not null) extra.Add(FtsDocument.Source(filter.Source));
        if (filter.Lang is not null) extra.Add(FtsDocument.Lang(filter.Lang));
        if (parts.Count == 0 && extra.Count == 0 && watches.Count < 2) return null;

        var builder = new StringBuilder();
        var positives = extra.Select(Meta).ToList();
        // Several watches: a mention of any of them.
        if (watches.Count > 1) positives.Add("(" + string.Join(" OR ", watches.Select(w => Meta(FtsDocument.Watch(w)))) + ")");
        var negatives = new List<string>();
        if (filter.Query is AndNode and) Split(and.Children, positives, negatives);
        else if (filter.Query is NotNode not) negatives.Add(Expression(not.Child));
        else if (filter.Query is not null) positives.Add(Expression(filter.Query));
        Combine(builder, positives, negatives);
        return builder.ToString();
    }

    private static string Expression(QueryNode node) => node switch
    {
        TermNode t => Column("body", t.Term) + (t.Prefix ? "*" : ""),
        PhraseNode p => Column("body", string.Join(' ', p.Terms)),
        HashtagNode h => Column("tags", h.Tag),
        HandleNode h => Column("handles", h.Handle),
        FieldNode f => Meta(FtsDocument.FieldToken(f.Field, f.Value)),
        AndNode a => And(a.Children),
        OrNode o => "(" + string.Join(" OR ", o.Children.Select(Expression)) + ")",
        NotNode n => "(" + Meta(FtsDocument.AllToken) + " NOT " + Expression(n.Child) + ")",
        _ => throw new NotSupportedException($"Query node {node.GetType().Name} is not supported by the SQLite store."),
    };

    private static string And(IReadOnlyList<QueryNode> children)
    {
        var positives = new List<string>();
        var negatives = new List<string>();
        Split(children, positives, negatives);
        var builder = new StringBuilder();
        Combine(builder, positives, negatives);
        return builder.ToString();
    }

    private static void Split(IReadOnlyList<QueryNode> children, List<string> positives, List<string> negatives)
    {
        foreach (var child in children)
        {
            if (child is NotNode not) negatives.Add(Expression(not.Child));
            else positives.Add(Expression(child));
        }
    }

    private static void Combine(StringBuilder builder, List<string> positives, List<string> negatives)
    {
        if (positives.Count == 0) positives.Add(Meta(FtsDocument.AllToken));
        builder.Append('(').AppendJoin(" AND ", positives).Append(')');
        if (negatives.Count > 0) builder.Append(" NOT (").AppendJoin(" OR ", negatives).Append(')');
        builder.Insert(0, '(').Append(')');
    }

    private static string Meta(string token) => Column("meta", token);

    private static string Column(string column, string text) => column + " : \"" + text.Replace("\"", "\"\"") + "\"";
}
