using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class AnalyticsGoldenTests
{
    [Test]
    public async Task TrendsAsync_HourlyBySentiment_SendsDateHistogramWithTermsAndFillsEmptyHours()
    {
        var t0 = ContractData.T0.ToUnixTimeMilliseconds();
        using var cluster = new ScriptedCluster
        {
            // As Elasticsearch answers: every bucket inside extended_bounds, empty ones with doc_count 0.
            Search = _ => (200, """{"took":2,"timed_out":false,"hits":{"hits":[]},"aggregations":{"buckets":{"buckets":[{"key_as_string":"2026-03-10T12:00:00.000Z","key":T0MS,"doc_count":2,"by":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"negative","doc_count":1},{"key":"positive","doc_count":1}]}},{"key_as_string":"2026-03-10T13:00:00.000Z","key":T1MS,"doc_count":0,"by":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]}}]}}}"""
                .Replace("T0MS", t0.ToString()).Replace("T1MS", (t0 + 3_600_000).ToString())),
        };
        using var store = await cluster.CreateStoreAsync();

        var result = await store.TrendsAsync(new TrendRequest("acme", ContractData.T0, ContractData.T0.AddHours(3), TrendInterval.Hour, TrendGroupBy.Sentiment), CancellationToken.None);

        Assert.That(cluster.RequestsAfterStart().Single().Body, Is.EqualTo(
            """{"size":0,"track_total_hits":false,"query":{"bool":{"filter":[{"range":{"@timestamp":{"gte":1773144000000,"lt":1773154800000,"format":"epoch_millis"}}},{"term":{"watches":"acme"}}]}},"aggs":{"buckets":{"date_histogram":{"field":"@timestamp","fixed_interval":"1h","min_doc_count":0,"extended_bounds":{"min":1773144000000,"max":1773151200000}},"aggs":{"by":{"terms":{"field":"sentiment.label","size":100}}}}}}"""));
        Assert.That(result.Buckets.Select(b => b.Start), Is.EqualTo(new[] { ContractData.T0, ContractData.T0.AddHours(1), ContractData.T0.AddHours(2) }));
        Assert.That(result.Buckets.Select(b => b.Total), Is.EqualTo(new long[] { 2, 0, 0 }));
        Assert.That(result.Buckets[0].Counts, Is.EquivalentTo(new Dictionary<string, long> { ["negative"] = 1, ["positive"] = 1 }));
    }

    [Test]
    public async Task TrendsAsync_DailyNeedsReply_CountsTheFilterAsKeyOne()
    {
        var day = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        using var cluster = new ScriptedCluster
        {
            Search = _ => (200, """{"aggregations":{"buckets":{"buckets":[{"key":DAYMS,"doc_count":5,"by":{"doc_count":3}}]}}}""".Replace("DAYMS", day.ToString())),
        };
        using var store = await cluster.CreateStoreAsync();

        var result = await store.TrendsAsync(new TrendRequest(null, ContractData.T0, ContractData.T0.AddHours(1), TrendInterval.Day, TrendGroupBy.NeedsReply), CancellationToken.None);

        Assert.That(cluster.RequestsAfterStart().Single().Body, Does.Contain(
            """fixed_interval":"1d","min_doc_count":0,"extended_bounds":{"min":1773100800000,"max":1773100800000}},"aggs":{"by":{"filter":{"term":{"needsReply.value":true}}}}"""));
        Assert.That(result.Buckets.Single().Counts, Is.EquivalentTo(new Dictionary<string, long> { ["1"] = 3 }));
        Assert.That(result.Buckets.Single().Total, Is.EqualTo(3));
    }

    [Test]
    public async Task VolumeByWatchAsync_SendsTermsOnWatchesWithSentimentAndKeepsAbsentWatchesAtZero()
    {
        using var cluster = new ScriptedCluster
        {
            Search = _ => (200, """{"aggregations":{"watches":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"acme","doc_count":3,"sentiment":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"negative","doc_count":2},{"key":"positive","doc_count":1}]}}]}}}"""),
        };
        using var store = await cluster.CreateStoreAsync();

        var volumes = await store.VolumeByWatchAsync(["acme", "globex", "acme"], ContractData.T0, null, CancellationToken.None);

        Assert.That(cluster.RequestsAfterStart().Single().Body, Is.EqualTo(
            """{"size":0,"track_total_hits":false,"query":{"bool":{"filter":[{"terms":{"watches":["acme","globex"]}},{"range":{"@timestamp":{"gte":1773144000000,"format":"epoch_millis"}}}]}},"aggs":{"watches":{"terms":{"field":"watches","include":["acme","globex"],"size":2},"aggs":{"sentiment":{"terms":{"field":"sentiment.label","size":10}}}}}}"""));
        Assert.That(volumes.Select(v => (v.Watch, v.Total)), Is.EqualTo(new[] { ("acme", 3L), ("globex", 0L) }));
        Assert.That(volumes[0].BySentiment, Is.EquivalentTo(new Dictionary<string, long> { ["negative"] = 2, ["positive"] = 1 }));
    }

    [Test]
    public async Task TrendsAsync_FiveYearsHourly_ThrowsNamingTheBucketsWithoutAsking()
    {
        using var cluster = new ScriptedCluster();
        using var store = await cluster.CreateStoreAsync();

        Assert.That(async () => await store.TrendsAsync(new TrendRequest(null, ContractData.T0, ContractData.T0.AddYears(5), TrendInterval.Hour, TrendGroupBy.Sentiment), CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("buckets"));
        Assert.That(cluster.RequestsAfterStart(), Is.Empty);
    }
}
