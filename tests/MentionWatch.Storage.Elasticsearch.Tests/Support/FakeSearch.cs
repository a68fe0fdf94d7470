using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>
/// The part of _search the loopback cluster evaluates: match_all, ids, a term on a top-level field, a range "gt" on
/// arrival, sorting by fields, search_after, size, and a max aggregation. Any other query is answered with a 400
/// naming it, so a test can never pass on a query the fake only pretends to understand.
/// </summary>
public static class FakeSearch
{
    public static (int Status, JsonObject Body) Run(IReadOnlyList<FakeDocument> documents, JsonObject request)
    {
        var query = request["query"]?.AsObject() ?? new JsonObject { ["match_all"] = new JsonObject() };
        Func<FakeDocument, bool>? predicate = Predicate(query);
        if (predicate is null) return (400, Error("illegal_argument_exception", "the loopback cluster does not evaluate this query: " + query.ToJsonString()));
        var hits = documents.Where(predicate).ToList();

        var sortFields = (request["sort"]?.AsArray() ?? []).Select(s => s!.AsObject().First()).Select(p =>
            (Field: p.Key, Descending: (p.Value is JsonObject o ? o["order"]!.GetValue<string>() : p.Value!.GetValue<string>()) == "desc")).ToList();
        var ordered = sortFields.Aggregate<(string Field, bool Descending), IOrderedEnumerable<FakeDocument>?>(null, (acc, s) =>
            acc is null
                ? (s.Descending ? hits.OrderByDescending(d => SortValue(d, s.Field)) : hits.OrderBy(d => SortValue(d, s.Field)))
                : (s.Descending ? acc.ThenByDescending(d => SortValue(d, s.Field)) : acc.ThenBy(d => SortValue(d, s.Field))));
        IEnumerable<FakeDocument> result = ordered ?? (IEnumerable<FakeDocument>)hits;
        if (request["search_after"] is JsonArray after)
        {
            var values = after.Select(v => v!.GetValue<long>()).ToArray();
            result = result.Where(d => Compare(d, sortFields, values) > 0);
        }
        var size = request["size"]?.GetValue<int>() ?? 10;
        var page = result.Take(size).ToList();
        var body = new JsonObject
        {
            ["took"] = 1, ["timed_out"] = false,
            ["hits"] = new JsonObject
            {
                ["hits"] = new JsonArray(page.Select(d => (JsonNode)new JsonObject
                {
                    ["_index"] = d.Index, ["_id"] = d.Id,
                    ["_source"] = request["_source"] is JsonValue v && !v.GetValue<bool>() ? null : d.Source.DeepClone(),
                    ["sort"] = new JsonArray(sortFields.Select(s => SortValue(d, s.Field).ToJson()).ToArray()),
                }).ToArray()),
            },
        };
        if (request["aggs"] is JsonObject aggs)
        {
            var aggregations = new JsonObject();
            foreach (var (name, definition) in aggs)
            {
                if (definition!["max"]?["field"]?.GetValue<string>() is not { } field)
                    return (400, Error("illegal_argument_exception", "the loopback cluster only computes max aggregations"));
                var values = hits.Select(d => d.Source[field]?.GetValue<long>()).Where(x => x is not null).ToList();
                aggregations[name] = new JsonObject { ["value"] = values.Count == 0 ? null : (double)values.Max()! };
            }
            body["aggregations"] = aggregations;
        }
        return (200, body);
    }

    public static JsonObject Error(string type, string reason, int status = 400) =>
        new() { ["error"] = new JsonObject { ["type"] = type, ["reason"] = reason }, ["status"] = status };

    private static Func<FakeDocument, bool>? Predicate(JsonObject query)
    {
        if (FakeQueries.Predicate(query, Predicate) is { } stateQuery) return stateQuery;
        var (kind, body) = (query.First().Key, query.First().Value!);
        switch (kind)
        {
            case "match_all":
                return _ => true;
            case "ids":
                var ids = body["values"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet();
                return d => ids.Contains(d.Id);
            case "term":
                var (field, value) = (body.AsObject().First().Key, body.AsObject().First().Value!.ToJsonString());
                return d => d.Source[field]?.ToJsonString() == value;
            case "range" when body["arrival"] is JsonObject { Count: 1 } arrival && arrival["gt"] is JsonValue gt:
            {
                var after = gt.GetValue<long>();
                return d => d.Source["arrival"]?.GetValue<long>() > after;
            }
            default:
                return null;
        }
    }

    /// <summary>Dates sort as epoch milliseconds, like Elasticsearch; numbers as numbers, keywords as strings.</summary>
    private static SortKey SortValue(FakeDocument document, string field) => field == "@timestamp"
        ? new SortKey(DateTimeOffset.Parse(document.Source["@timestamp"]!.GetValue<string>()).ToUnixTimeMilliseconds(), null)
        : document.Source[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? new SortKey(0, v.GetValue<string>())
            : new SortKey(document.Source[field]?.GetValue<long>() ?? 0, null);

    private readonly record struct SortKey(long Number, string? Text) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other) => Text is null ? Number.CompareTo(other.Number) : string.CompareOrdinal(Text, other.Text);
        public JsonNode ToJson() => Text is null ? JsonValue.Create(Number) : JsonValue.Create(Text);
    }

    private static int Compare(FakeDocument document, List<(string Field, bool Descending)> sort, long[] after)
    {
        for (var i = 0; i < sort.Count && i < after.Length; i++)
        {
            var c = SortValue(document, sort[i].Field).Number.CompareTo(after[i]);
            if (c != 0) return sort[i].Descending ? -c : c;
        }
        return 0;
    }
}
