using System.Text.Json.Nodes;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Translates our query tree and a <see cref="MentionFilter"/> into the query DSL, with the SQLite store's semantics:
/// a term is a whole word of the text (the <c>text</c> field is tokenized and folded like <see cref="TextNormalizer"/>),
/// a phrase is consecutive words, <c>word*</c> a prefix, #tag / @handle / field:value exact keywords. Every clause is
/// a filter (no scoring: results are ordered by time). User text only ever becomes a JSON string value.
/// </summary>
internal static class QueryDslTranslator
{
    public static JsonObject Filter(MentionFilter filter)
    {
        var clauses = new JsonArray();
        if (filter.Query is not null) clauses.Add(Node(filter.Query));
        var watches = filter.AllWatches();
        if (watches.Count > 0) clauses.Add(Terms("watches", watches));
        if (Blank(filter.Sentiment) is { } sentiment) clauses.Add(Term("sentiment.label", TextNormalizer.FieldValue(sentiment)));
        if (filter.NeedsReply is { } needsReply) clauses.Add(new JsonObject { ["term"] = new JsonObject { ["needsReply.value"] = needsReply } });
        if (Blank(filter.Source) is { } source) clauses.Add(Term("queryTokens", MentionDocument.QueryToken("source", source)));
        if (Blank(filter.Lang) is { } lang) clauses.Add(Term("queryTokens", MentionDocument.QueryToken("lang", lang)));
        if (filter.From is not null || filter.To is not null) clauses.Add(TimeRange(filter.From, filter.To));
        if (Blank(filter.Triage) is { } triage) clauses.Add(TriageClause(triage));
        if (Blank(filter.Team) is { } team) clauses.Add(TeamClause(team));
        return clauses.Count == 0
            ? new JsonObject { ["match_all"] = new JsonObject() }
            : new JsonObject { ["bool"] = new JsonObject { ["filter"] = clauses } };
    }

    /// <summary>
    /// The stored triage state, compared exactly as SQLite does. A mention written before the support fields existed
    /// has no triage field and is new.
    /// </summary>
    public static JsonObject TriageClause(string triage) => triage == Core.Domain.TriageStates.New
        ? new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["should"] = new JsonArray(Term("triage", triage),
                    new JsonObject { ["bool"] = new JsonObject { ["must_not"] = new JsonArray(new JsonObject { ["exists"] = new JsonObject { ["field"] = "triage" } }) } }),
                ["minimum_should_match"] = 1,
            },
        }
        : Term("triage", triage);

    /// <summary>Teams ignore case, as SQLite's COLLATE NOCASE: a case-insensitive term, the stored value kept as typed.</summary>
    public static JsonObject TeamClause(string team) =>
        new() { ["term"] = new JsonObject { ["team"] = new JsonObject { ["value"] = team.Trim(), ["case_insensitive"] = true } } };

    /// <summary>From inclusive, To exclusive, like the SQLite store.</summary>
    public static JsonObject TimeRange(DateTimeOffset? from, DateTimeOffset? to)
    {
        var range = new JsonObject();
        if (from is { } f) range["gte"] = f.ToUnixTimeMilliseconds();
        if (to is { } t) range["lt"] = t.ToUnixTimeMilliseconds();
        range["format"] = "epoch_millis";
        return new JsonObject { ["range"] = new JsonObject { ["@timestamp"] = range } };
    }

    public static JsonObject Node(QueryNode node) => node switch
    {
        TermNode { Prefix: true } t => new JsonObject { ["prefix"] = new JsonObject { ["text"] = t.Term } },
        TermNode t => MatchPhrase(t.Term),
        PhraseNode p => MatchPhrase(string.Join(' ', p.Terms)),
        HashtagNode h => Term("hashtags", h.Tag),
        HandleNode h => Term("handles", h.Handle),
        FieldNode f => Term("queryTokens", MentionDocument.QueryToken(f.Field, f.Value)),
        AndNode a => And(a.Children),
        OrNode o => new JsonObject
        {
            ["bool"] = new JsonObject { ["should"] = new JsonArray(o.Children.Select(c => (JsonNode)Node(c)).ToArray()), ["minimum_should_match"] = 1 },
        },
        // A bool with only must_not matches every document but those, which is what "-spam" alone means.
        NotNode n => new JsonObject { ["bool"] = new JsonObject { ["must_not"] = new JsonArray(Node(n.Child)) } },
        _ => throw new NotSupportedException($"Query node {node.GetType().Name} is not supported by the Elasticsearch store."),
    };

    private static JsonObject And(IReadOnlyList<QueryNode> children)
    {
        var positives = new JsonArray();
        var negatives = new JsonArray();
        foreach (var child in children)
        {
            if (child is NotNode not) negatives.Add(Node(not.Child));
            else positives.Add(Node(child));
        }
        var result = new JsonObject();
        if (positives.Count > 0) result["filter"] = positives;
        if (negatives.Count > 0) result["must_not"] = negatives;
        return new JsonObject { ["bool"] = result };
    }

    private static JsonObject MatchPhrase(string text) => new() { ["match_phrase"] = new JsonObject { ["text"] = text } };

    private static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Terms(string field, IEnumerable<string> values) =>
        new() { ["terms"] = new JsonObject { [field] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()) } };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
