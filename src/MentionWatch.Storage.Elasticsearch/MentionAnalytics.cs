using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Trends (a <c>date_histogram</c> with a <c>terms</c> per bucket) and share of voice (<c>terms</c> on watches with
/// sentiment inside), computed by the cluster from the mentions themselves: Elasticsearch aggregates at read time,
/// so there are no rollup tables to keep in step with writes. Buckets and bounds follow the SQLite store: UTC hours
/// or days, a partial bucket at either end included, empty buckets reported with zero.
/// </summary>
internal sealed class MentionAnalytics(ElasticsearchConnection connection, ElasticsearchIndexNames names)
{
    public const int MaxBuckets = 10_000;
    private const int MaxKeysPerBucket = 100;

    public static (long First, long End, long Size) Buckets(TrendRequest request)
    {
        var size = request.Interval == TrendInterval.Hour ? 3_600_000L : 86_400_000L;
        var first = FloorDiv(request.From.ToUnixTimeMilliseconds(), size);
        var end = -FloorDiv(-request.To.ToUnixTimeMilliseconds(), size);
        if (end - first > MaxBuckets)
            throw new ArgumentException(
                $"the period from {request.From:O} to {request.To:O} has {end - first} {request.Interval.ToString().ToLowerInvariant()} buckets; at most {MaxBuckets} are allowed",
                nameof(request));
        return (first, end, size);
    }

    public static JsonObject TrendsRequest(TrendRequest request)
    {
        var (first, end, size) = Buckets(request);
        var filter = new JsonArray(QueryDslTranslator.TimeRange(DateTimeOffset.FromUnixTimeMilliseconds(first * size), DateTimeOffset.FromUnixTimeMilliseconds(end * size)));
        if (!string.IsNullOrWhiteSpace(request.Watch)) filter.Add(new JsonObject { ["term"] = new JsonObject { ["watches"] = request.Watch } });
        JsonObject by = request.GroupBy == TrendGroupBy.NeedsReply
            ? new JsonObject { ["filter"] = new JsonObject { ["term"] = new JsonObject { ["needsReply.value"] = true } } }
            : new JsonObject { ["terms"] = new JsonObject { ["field"] = GroupField(request.GroupBy), ["size"] = MaxKeysPerBucket } };
        return new JsonObject
        {
            ["size"] = 0,
            ["track_total_hits"] = false,
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = filter } },
            ["aggs"] = new JsonObject
            {
                ["buckets"] = new JsonObject
                {
                    ["date_histogram"] = new JsonObject
                    {
                        ["field"] = "@timestamp",
                        ["fixed_interval"] = request.Interval == TrendInterval.Hour ? "1h" : "1d",
                        ["min_doc_count"] = 0,
                        ["extended_bounds"] = new JsonObject { ["min"] = first * size, ["max"] = (end - 1) * size },
                    },
                    ["aggs"] = new JsonObject { ["by"] = by },
                },
            },
        };
    }

    public async Task<TrendResult> TrendsAsync(TrendRequest request, CancellationToken cancellationToken)
    {
        var (first, end, size) = Buckets(request);
        if (end <= first) return new TrendResult([]);
        using var json = await AggregateAsync(TrendsRequest(request), "computing trends", cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<long, Dictionary<string, long>>();
        foreach (var bucket in json.RootElement.GetProperty("aggregations").GetProperty("buckets").GetProperty("buckets").EnumerateArray())
        {
            var key = bucket.GetProperty("key").GetInt64();
            var by = bucket.GetProperty("by");
            var keys = new Dictionary<string, long>(StringComparer.Ordinal);
            if (request.GroupBy == TrendGroupBy.NeedsReply)
            {
                if (by.GetProperty("doc_count").GetInt64() is > 0 and var n) keys["1"] = n;
            }
            else
                foreach (var term in by.GetProperty("buckets").EnumerateArray())
                    keys[term.GetProperty("key").ToString()] = term.GetProperty("doc_count").GetInt64();
            counts[key] = keys;
        }
        var buckets = new List<TrendBucket>((int)(end - first));
        for (var i = first; i < end; i++)
        {
            var keys = counts.GetValueOrDefault(i * size) ?? new Dictionary<string, long>();
            // Total is the sum of the groups, as the SQLite rollups report it (for needs-reply: the needs-reply count).
            buckets.Add(new TrendBucket(DateTimeOffset.FromUnixTimeMilliseconds(i * size), keys.Values.Sum(), keys));
        }
        return new TrendResult(buckets);
    }

    public static JsonObject VolumeRequest(IReadOnlyList<string> watches, DateTimeOffset? from, DateTimeOffset? to)
    {
        var filter = new JsonArray(new JsonObject { ["terms"] = new JsonObject { ["watches"] = new JsonArray(watches.Select(w => (JsonNode)w).ToArray()) } });
        if (from is not null || to is not null) filter.Add(QueryDslTranslator.TimeRange(from, to));
        return new JsonObject
        {
            ["size"] = 0,
            ["track_total_hits"] = false,
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = filter } },
            ["aggs"] = new JsonObject
            {
                ["watches"] = new JsonObject
                {
                    ["terms"] = new JsonObject
                    {
                        ["field"] = "watches",
                        ["include"] = new JsonArray(watches.Select(w => (JsonNode)w).ToArray()),
                        ["size"] = watches.Count,
                    },
                    ["aggs"] = new JsonObject { ["sentiment"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "sentiment.label", ["size"] = 10 } } },
                },
            },
        };
    }

    public async Task<IReadOnlyList<WatchVolume>> VolumeByWatchAsync(IReadOnlyList<string> watches, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        var distinct = watches.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return [];
        using var json = await AggregateAsync(VolumeRequest(distinct, from, to), "computing share of voice", cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var bucket in json.RootElement.GetProperty("aggregations").GetProperty("watches").GetProperty("buckets").EnumerateArray())
            found[bucket.GetProperty("key").GetString()!] = bucket.GetProperty("sentiment").GetProperty("buckets").EnumerateArray()
                .ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("doc_count").GetInt64(), StringComparer.Ordinal);
        return distinct.Select(w =>
        {
            var bySentiment = found.GetValueOrDefault(w) ?? new Dictionary<string, long>(StringComparer.Ordinal);
            return new WatchVolume(w, bySentiment.Values.Sum(), bySentiment);
        }).ToList();
    }

    private async Task<JsonDocument> AggregateAsync(JsonObject request, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.POST, $"/{names.Mentions}/_search", IndexDefinitions.ToJson(request), cancellationToken)
            .ConfigureAwait(false);
        return ElasticsearchConnection.EnsureSuccess(response, what).Json();
    }

    private static string GroupField(TrendGroupBy groupBy) => groupBy switch
    {
        TrendGroupBy.Sentiment => "sentiment.label",
        TrendGroupBy.Source => "source",
        TrendGroupBy.Lang => "lang",
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Unknown trend grouping."),
    };

    private static long FloorDiv(long value, long size) => value >= 0 ? value / size : -((-value + size - 1) / size);
}
