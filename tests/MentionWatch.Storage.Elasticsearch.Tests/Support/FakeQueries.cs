using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>
/// The queries of the state stores, evaluated the way Elasticsearch documents them: <c>bool</c> with <c>filter</c>
/// and <c>must_not</c> (an empty bool matches everything), <c>term</c> in its long form with <c>case_insensitive</c>,
/// and <c>range</c> with gt/gte/lt/lte on a numeric field. Null for any other query, which <see cref="FakeSearch"/>
/// then evaluates or refuses.
/// </summary>
public static class FakeQueries
{
    public static Func<FakeDocument, bool>? Predicate(JsonObject query, Func<JsonObject, Func<FakeDocument, bool>?> inner)
    {
        var (kind, body) = (query.First().Key, query.First().Value!);
        switch (kind)
        {
            case "bool":
            {
                var filters = Clauses(body["filter"], inner);
                var excluded = Clauses(body["must_not"], inner);
                if (filters is null || excluded is null) return null;
                return d => filters.All(f => f(d)) && !excluded.Any(f => f(d));
            }
            case "term" when body.AsObject().First().Value is JsonObject { } longForm:
            {
                var field = body.AsObject().First().Key;
                var value = longForm["value"]!.ToJsonString();
                var ignoreCase = longForm["case_insensitive"]?.GetValue<bool>() == true;
                return d => d.Source[field] is { } stored && string.Equals(stored.ToJsonString(), value,
                    ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            }
            case "range" when body.AsObject().Count == 1 && body.AsObject().First().Key != "arrival":
            {
                var field = body.AsObject().First().Key;
                var bounds = body.AsObject().First().Value!.AsObject();
                return d => d.Source[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && bounds.All(b => Within(v.GetValue<double>(), b.Key, b.Value!.GetValue<double>()));
            }
            default:
                return null;
        }
    }

    private static List<Func<FakeDocument, bool>>? Clauses(JsonNode? clauses, Func<JsonObject, Func<FakeDocument, bool>?> inner)
    {
        var list = new List<Func<FakeDocument, bool>>();
        IEnumerable<JsonNode?> items = clauses switch { null => [], JsonArray array => array, _ => [clauses] };
        foreach (var clause in items)
        {
            if (inner(clause!.AsObject()) is not { } predicate) return null;
            list.Add(predicate);
        }
        return list;
    }

    private static bool Within(double value, string bound, double limit) => bound switch
    {
        "gt" => value > limit,
        "gte" => value >= limit,
        "lt" => value < limit,
        "lte" => value <= limit,
        _ => throw new ArgumentException($"range bound {bound} is not one Elasticsearch knows"),
    };
}
