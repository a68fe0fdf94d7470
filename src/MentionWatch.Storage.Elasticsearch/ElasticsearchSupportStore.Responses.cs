using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

public sealed partial class ElasticsearchSupportStore
{
    private static readonly string[] ResponseFields =
        ["id", "source", "externalId", "author.handle", "lang", "sentiment.label", "@timestamp", "triage", "team", "assignee", "firstReply", "watches"];

    public async Task<IReadOnlyList<ResponseRow>> ResponseRowsAsync(ResponseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hits = await _documents.SearchAllAsync(_names.Mentions, ResponseRowsRequest(query), "response rows", cancellationToken).ConfigureAwait(false);
        return hits.Select(h => h["_source"]!.AsObject()).Select(s =>
        {
            var element = ToElement(s);
            var support = MentionDocument.ReadSupport(element);
            return new ResponseRow(s["id"]!.GetValue<long>(), s["source"]!.GetValue<string>(), s["externalId"]!.GetValue<string>(),
                s["author"]!["handle"]!.GetValue<string>(), s["lang"]!.GetValue<string>(), s["sentiment"]!["label"]!.GetValue<string>(),
                MentionDocument.Date(element.GetProperty("@timestamp")), support.Triage, support.Team, support.FirstReply,
                s["watches"] is JsonArray watches ? watches.Select(w => w!.GetValue<string>()).ToList() : []);
        }).ToList();
    }

    /// <summary>
    /// Needs-reply mentions that are not brand posts, created in [From, To), oldest first (@timestamp, then id, the
    /// paging key): the same rows as the SQLite query. A document without a triage field is new, so only an
    /// explicit "ignored" is left out.
    /// </summary>
    internal static JsonObject ResponseRowsRequest(ResponseQuery query)
    {
        var filters = new JsonArray
        {
            new JsonObject { ["term"] = new JsonObject { ["needsReply.value"] = true } },
            QueryDslTranslator.TimeRange(query.From, query.To),
        };
        if (query.Watches.Count > 0)
            filters.Add(new JsonObject { ["terms"] = new JsonObject { ["watches"] = new JsonArray(query.Watches.Select(w => (JsonNode)w).ToArray()) } });
        if (Blank(query.Team) is { } team) filters.Add(QueryDslTranslator.TeamClause(team));
        if (Blank(query.Source) is { } source) filters.Add(new JsonObject { ["term"] = new JsonObject { ["source"] = source } });
        if (Blank(query.Lang) is { } lang) filters.Add(new JsonObject { ["term"] = new JsonObject { ["lang"] = lang } });
        var excluded = new JsonArray(new JsonObject { ["exists"] = new JsonObject { ["field"] = "brandPostOf" } });
        if (!query.IncludeIgnored) excluded.Add(new JsonObject { ["term"] = new JsonObject { ["triage"] = TriageStates.Ignored } });
        return new JsonObject
        {
            ["track_total_hits"] = false,
            ["_source"] = new JsonArray(ResponseFields.Select(f => (JsonNode)f).ToArray()),
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = filters, ["must_not"] = excluded } },
            ["sort"] = new JsonArray(Ascending("@timestamp"), Ascending("id")),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
