using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>
/// The part of _search the loopback cluster evaluates: match_all, ids, term (case_insensitive too), terms, exists,
/// range (dates as epoch millis) and bool (filter, must, should with minimum_should_match, must_not) on (dotted)
/// fields, seq_no_primary_term, sorting by fields, search_after, size, and a max aggregation. Any other query is answered with a 400
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
                    ["_seq_no"] = request["seq_no_primary_term"]?.GetValue<bool>() == true ? d.SeqNo : null,
                    ["_primary_term"] = request["seq_no_primary_term"]?.GetValue<bool>() == true ? 1 : null,
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

    public static (int Status, JsonObject Body) Count(IReadOnlyList<FakeDocument> documents, JsonObject request)
    {
        var query = request["query"]?.AsObject() ?? new JsonObject { ["match_all"] = new JsonObject() };
        return Predicate(query) is { } predicate
            ? (200, new JsonObject { ["count"] = documents.Count(predicate) })
            : (400, Error("illegal_argument_exception", "the loopback cluster does not evaluate this query: " + query.ToJsonString()));
    }

    public static JsonObject Error(string type, string reason, int status = 400) =>
        new() { ["error"] = new JsonObject { ["type"] = type, ["reason"] = reason }, ["status"] = status };

    private static Func<FakeDocument, bool>? Predicate(JsonObject query)
    {
        var (kind, body) = (query.First().Key, query.First().Value!);
        switch (kind)
        {
            case "match_all":
                return _ => true;
            case "ids":
                var ids = body["values"]!.AsArray().Select(v => v!.GetValue<string>()).ToHashSet();
                return d => ids.Contains(d.Id);
            case "term":
            {
                var (field, value) = (body.AsObject().First().Key, body.AsObject().First().Value!);
                var ignoreCase = value is JsonObject { } o && o["case_insensitive"]?.GetValue<bool>() == true;
                var expected = (value is JsonObject v ? v["value"]! : value).ToJsonString();
                return d => Values(d.Source, field).Any(x => string.Equals(x.ToJsonString(), expected,
                    ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            }
            case "terms":
            {
                var (field, list) = (body.AsObject().First().Key, body.AsObject().First().Value!.AsArray());
                var expected = list.Select(x => x!.ToJsonString()).ToHashSet(StringComparer.Ordinal);
                return d => Values(d.Source, field).Any(x => expected.Contains(x.ToJsonString()));
            }
            case "exists":
            {
                var field = body["field"]!.GetValue<string>();
                return d => Values(d.Source, field).Any();
            }
            case "range":
            {
                var (field, bounds) = (body.AsObject().First().Key, body.AsObject().First().Value!.AsObject());
                return d => Values(d.Source, field).Any(x => InRange(field == "@timestamp"
                    ? DateTimeOffset.Parse(x.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()
                    : x.GetValue<long>(), bounds));
            }
            case "bool":
            {
                Func<FakeDocument, bool>[]? Clauses(string name) => body[name] switch
                {
                    null => [],
                    JsonArray array => array.Select(c => Predicate(c!.AsObject())).ToArray() is var ps && ps.All(p => p is not null) ? ps.Select(p => p!).ToArray() : null,
                    JsonObject single => Predicate(single) is { } p ? [p] : null,
                    _ => null,
                };
                var (filter, must, should, mustNot) = (Clauses("filter"), Clauses("must"), Clauses("should"), Clauses("must_not"));
                if (filter is null || must is null || should is null || mustNot is null) return null;
                var minimum = body["minimum_should_match"]?.GetValue<int>() ?? (filter.Length + must.Length == 0 && should.Length > 0 ? 1 : 0);
                return d => filter.All(p => p(d)) && must.All(p => p(d)) && !mustNot.Any(p => p(d)) && should.Count(p => p(d)) >= minimum;
            }
            default:
                return null;
        }
    }

    /// <summary>The values of a (dotted) field; an array field yields each element, a missing or empty one nothing.</summary>
    private static IEnumerable<JsonValue> Values(JsonObject source, string field)
    {
        JsonNode? node = source;
        foreach (var part in field.Split('.')) node = node is JsonObject o ? o[part] : null;
        return node switch
        {
            JsonArray array => array.OfType<JsonValue>(),
            JsonValue value => [value],
            _ => [],
        };
    }

    private static bool InRange(long value, JsonObject bounds) =>
        (bounds["gt"] is not { } gt || value > gt.GetValue<long>()) && (bounds["gte"] is not { } gte || value >= gte.GetValue<long>())
        && (bounds["lt"] is not { } lt || value < lt.GetValue<long>()) && (bounds["lte"] is not { } lte || value <= lte.GetValue<long>());

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
