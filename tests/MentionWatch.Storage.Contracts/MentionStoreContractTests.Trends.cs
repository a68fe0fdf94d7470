using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

public abstract partial class MentionStoreContractTests
{
    private async Task SeedTrendCorpusAsync()
    {
        var t = ContractData.T0; // 12:00 UTC
        await StoreAsync(
            ContractData.Mention("a", createdAt: t.AddMinutes(5), sentiment: "positive", watches: ["acme"]),
            ContractData.Mention("b", createdAt: t.AddMinutes(50), sentiment: "negative", watches: ["acme"], source: "x", lang: "ru"),
            ContractData.Mention("c", createdAt: t.AddHours(2).AddMinutes(1), sentiment: "negative", watches: ["acme", "globex"]),
            ContractData.Mention("d", createdAt: t.AddDays(1), sentiment: "neutral", watches: ["globex"], source: "x"));
    }

    [Test]
    public async Task TrendsAsync_HourlyBySentiment_CountsPerHourIncludingEmptyHours()
    {
        await SeedTrendCorpusAsync();

        var result = await Store.TrendsAsync(
            new TrendRequest("acme", ContractData.T0, ContractData.T0.AddHours(3), TrendInterval.Hour, TrendGroupBy.Sentiment), CancellationToken.None);

        Assert.That(result.Buckets.Select(b => b.Start), Is.EqualTo(new[] { ContractData.T0, ContractData.T0.AddHours(1), ContractData.T0.AddHours(2) }));
        Assert.That(result.Buckets.Select(b => b.Total), Is.EqualTo(new long[] { 2, 0, 1 }));
        Assert.That(result.Buckets[0].Counts, Is.EquivalentTo(new Dictionary<string, long> { ["positive"] = 1, ["negative"] = 1 }));
        Assert.That(result.Buckets[2].Counts, Is.EquivalentTo(new Dictionary<string, long> { ["negative"] = 1 }));
    }

    [Test]
    public async Task TrendsAsync_DailyAllWatchesBySource_CountsPerUtcDay()
    {
        await SeedTrendCorpusAsync();
        var day = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

        var result = await Store.TrendsAsync(
            new TrendRequest(null, day, day.AddDays(2), TrendInterval.Day, TrendGroupBy.Source), CancellationToken.None);

        Assert.That(result.Buckets.Select(b => b.Start), Is.EqualTo(new[] { day, day.AddDays(1) }));
        Assert.That(result.Buckets[0].Counts, Is.EquivalentTo(new Dictionary<string, long> { ["push"] = 2, ["x"] = 1 }));
        Assert.That(result.Buckets[1].Counts, Is.EquivalentTo(new Dictionary<string, long> { ["x"] = 1 }));
    }

    [Test]
    public async Task TrendsAsync_ByLang_SplitsLanguages()
    {
        await SeedTrendCorpusAsync();

        var result = await Store.TrendsAsync(
            new TrendRequest("acme", ContractData.T0, ContractData.T0.AddHours(1), TrendInterval.Hour, TrendGroupBy.Lang), CancellationToken.None);

        Assert.That(result.Buckets.Single().Counts, Is.EquivalentTo(new Dictionary<string, long> { ["en"] = 1, ["ru"] = 1 }));
    }

    [Test]
    public async Task TrendsAsync_PartialHourBounds_IncludeTheBucketsTheyTouch()
    {
        await SeedTrendCorpusAsync();

        var result = await Store.TrendsAsync(
            new TrendRequest("acme", ContractData.T0.AddMinutes(30), ContractData.T0.AddHours(2).AddMinutes(10), TrendInterval.Hour, TrendGroupBy.Sentiment),
            CancellationToken.None);

        Assert.That(result.Buckets.Select(b => b.Total), Is.EqualTo(new long[] { 2, 0, 1 }));
    }

    [Test]
    public void TrendsAsync_TooManyBuckets_ThrowsNamingThePeriod()
    {
        var request = new TrendRequest(null, ContractData.T0, ContractData.T0.AddYears(5), TrendInterval.Hour, TrendGroupBy.Sentiment);

        Assert.That(async () => await Store.TrendsAsync(request, CancellationToken.None),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("buckets"));
    }

    [Test]
    public async Task VolumeByWatchAsync_SeveralWatches_TotalsAndSentimentPerWatch()
    {
        await SeedTrendCorpusAsync();

        var volumes = await Store.VolumeByWatchAsync(["acme", "globex", "initech"], null, null, CancellationToken.None);
        var periodOnly = await Store.VolumeByWatchAsync(["acme", "globex"], ContractData.T0.AddHours(1), ContractData.T0.AddHours(3), CancellationToken.None);

        Assert.That(volumes.Select(v => (v.Watch, v.Total)), Is.EqualTo(new[] { ("acme", 3L), ("globex", 2L), ("initech", 0L) }));
        Assert.That(volumes[0].BySentiment, Is.EquivalentTo(new Dictionary<string, long> { ["positive"] = 1, ["negative"] = 2 }));
        Assert.That(periodOnly.Select(v => v.Total), Is.EqualTo(new long[] { 1, 1 }));
    }
}
