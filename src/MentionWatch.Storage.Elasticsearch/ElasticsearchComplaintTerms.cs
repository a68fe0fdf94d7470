using System.Text.Json.Nodes;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Complaint terms from the cluster: a <c>significant_text</c> aggregation on <c>text</c> (folded like the query
/// language) over the negative mentions of the filter, with the filter's mentions as background
/// (<c>background_filter</c>), the JLH heuristic, <c>filter_duplicate_text</c> (retweets and copy-pasted posts count
/// once) and the excluded words as <c>exclude</c>, inside a <c>sampler</c> of <see cref="ComplaintWords.MaxMentions"/>
/// documents, the same cap the export-based query has. <c>significant_text</c> takes no sub-aggregations, so one
/// follow-up search (a <c>filters</c> aggregation with a <c>top_hits</c> per word) finds the newest negative mention of
/// each word. The word rules the cluster cannot apply (length, numbers) are applied to the answer, which is why the
/// aggregation asks for more words than it returns. Differences from the export count: @handles are words here (the
/// <c>text</c> field does not tell them apart), and Elasticsearch's duplicate-text filter may lower a word's counts.
/// </summary>
public sealed class ElasticsearchComplaintTerms : IComplaintTermsQuery
{
    private const string Sample = "sample";
    private const string Words = "words";
    private readonly ElasticsearchIndexNames _names;
    private readonly ElasticsearchConnection _connection;

    public ElasticsearchComplaintTerms(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _names = store.Names;
        _connection = store.Connection;
    }

    public async Task<ComplaintTermsResult> ComplaintTermsAsync(ComplaintTermsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = ElasticsearchConnection.EnsureSuccess(await _connection.SendAsync(HttpMethod.POST, $"/{_names.Mentions}/_search",
            IndexDefinitions.ToJson(SignificantTextRequest(request)), cancellationToken).ConfigureAwait(false), "finding complaint terms");
        var (result, terms) = Parse(JsonNode.Parse(response.Body)!, request);
        if (terms.Count == 0) return result;
        var examples = await ExamplesAsync(request.Filter, terms.Select(t => t.Term).ToList(), cancellationToken).ConfigureAwait(false);
        return result with { Terms = terms.Select(t => t with { ExampleMentionId = examples.GetValueOrDefault(t.Term) }).ToList() };
    }

    internal static JsonObject SignificantTextRequest(ComplaintTermsRequest request)
    {
        var background = request.Filter with { Sentiment = null };
        return new JsonObject
        {
            ["size"] = 0,
            ["track_total_hits"] = true,
            ["query"] = QueryDslTranslator.Filter(background with { Sentiment = "negative" }),
            ["aggs"] = new JsonObject
            {
                [Sample] = new JsonObject
                {
                    ["sampler"] = new JsonObject { ["shard_size"] = ComplaintWords.MaxMentions },
                    ["aggs"] = new JsonObject
                    {
                        [Words] = new JsonObject
                        {
                            ["significant_text"] = new JsonObject
                            {
                                ["field"] = "text",
                                ["size"] = request.Limit * 2 + 20,
                                ["min_doc_count"] = ComplaintWords.MinNegativeMentions,
                                ["filter_duplicate_text"] = true,
                                ["jlh"] = new JsonObject(),
                                ["background_filter"] = QueryDslTranslator.Filter(background),
                                ["exclude"] = new JsonArray(request.Excluded.Order(StringComparer.Ordinal).Select(w => (JsonNode)w).ToArray()),
                            },
                        },
                    },
                },
            },
        };
    }

    internal static (ComplaintTermsResult Result, IReadOnlyList<ComplaintTerm> Terms) Parse(JsonNode response, ComplaintTermsRequest request)
    {
        var negativeTotal = response["hits"]?["total"]?["value"]?.GetValue<long>() ?? 0;
        var words = response["aggregations"]?[Sample]?[Words];
        var negative = words?["doc_count"]?.GetValue<int>() ?? 0;
        var all = words?["bg_count"]?.GetValue<int>() ?? 0;
        var sampled = negativeTotal > ComplaintWords.MaxMentions;
        if (words is null || negative == 0 || all == 0) return (new ComplaintTermsResult(negative, all, sampled, []), []);
        var terms = (words["buckets"]?.AsArray() ?? [])
            .Select(b => new ComplaintTerm(b!["key"]!.GetValue<string>(), b["doc_count"]!.GetValue<int>(), b["bg_count"]!.GetValue<int>(),
                Math.Round(b["score"]!.GetValue<double>(), 6), 0))
            .Where(t => ComplaintWords.IsCandidate(t.Term, request.Excluded))
            .ToList();
        var ranked = ComplaintWords.Rank(terms, request.Limit);
        return (new ComplaintTermsResult(negative, all, sampled, ranked), ranked);
    }

    internal static JsonObject ExamplesRequest(MentionFilter filter, IReadOnlyList<string> terms) => new()
    {
        ["size"] = 0,
        ["track_total_hits"] = false,
        ["query"] = QueryDslTranslator.Filter(filter with { Sentiment = "negative" }),
        ["aggs"] = new JsonObject
        {
            ["examples"] = new JsonObject
            {
                ["filters"] = new JsonObject
                {
                    ["filters"] = new JsonObject(terms.Select(t =>
                        KeyValuePair.Create(t, (JsonNode?)new JsonObject { ["term"] = new JsonObject { ["text"] = t } }))),
                },
                ["aggs"] = new JsonObject
                {
                    ["newest"] = new JsonObject
                    {
                        ["top_hits"] = new JsonObject { ["size"] = 1, ["_source"] = new JsonArray("id"), ["sort"] = MentionSearch.NewestFirst() },
                    },
                },
            },
        },
    };

    private async Task<Dictionary<string, long>> ExamplesAsync(MentionFilter filter, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var response = ElasticsearchConnection.EnsureSuccess(await _connection.SendAsync(HttpMethod.POST, $"/{_names.Mentions}/_search",
            IndexDefinitions.ToJson(ExamplesRequest(filter, terms)), cancellationToken).ConfigureAwait(false), "finding example complaints");
        var buckets = JsonNode.Parse(response.Body)!["aggregations"]?["examples"]?["buckets"]?.AsObject();
        var examples = new Dictionary<string, long>(StringComparer.Ordinal);
        if (buckets is null) return examples;
        foreach (var (term, bucket) in buckets)
            if (bucket?["newest"]?["hits"]?["hits"]?.AsArray() is [{ } hit, ..])
                examples[term] = hit["_source"]!["id"]!.GetValue<long>();
        return examples;
    }
}
