using System.Text.Json.Nodes;
using MentionWatch.Server.Sources.Demo;
using MentionWatch.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MentionWatch.Server.Tests.Sources.Demo;

[TestFixture]
public sealed class DemoSourceTests
{
    [Test]
    public void Samples_Bundled_AtLeast150InEnglishAndRussianAboutEachBrand()
    {
        var samples = DemoSamples.Load();

        Assert.That(samples, Has.Count.GreaterThanOrEqualTo(150));
        Assert.That(samples.Count(s => s.Lang == "ru"), Is.GreaterThanOrEqualTo(50));
        Assert.That(samples.Count(s => s.Lang == "en"), Is.GreaterThanOrEqualTo(50));
        foreach (var brand in new[] { "voltik", "вольтик", "skootr", "скутр", "brewbird", "брюб" })
            Assert.That(samples.Count(s => s.Text.Contains(brand, StringComparison.OrdinalIgnoreCase)), Is.GreaterThanOrEqualTo(10), brand);
    }

    [Test]
    public async Task Run_EmptyStore_BackfillsThenKeepsReplayingWithFreshIds()
    {
        // The replay ticks on the injected clock: the test moves it one interval at a time instead of waiting for ticks.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sources:Demo:Enabled"] = "true",
            ["Sources:Demo:IntervalSeconds"] = "1",
            ["Sources:Demo:PostsPerTick"] = "5",
            ["Sources:Demo:BackfillHours"] = "24",
            ["Watches:0:Name"] = "voltik",
            ["Watches:0:Query"] = "voltik OR вольтик*",
        }, configureServices: services => services.AddSingleton<TimeProvider>(time));
        var samples = DemoSamples.Load().Count;

        // Until the replay has gone once round the sample set (the backfill) and on, so ids repeat texts.
        await Wait.ForAsync(async () =>
        {
            if (await server.Viewer.CountAsync("&source=demo") >= samples + 20) return true;
            time.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, $"the demo replay to store {samples + 20} mentions (once round the samples and on)");
        var sources = await server.Viewer.GetJsonAsync("/api/v1/sources");
        var demo = sources["sources"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "demo")!;
        Assert.That(demo["state"]!.GetValue<string>(), Is.EqualTo("ok"));
        Assert.That(demo["postsFetched"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(samples));
        Assert.That(demo["lastSuccessAt"], Is.Not.Null);
        var voltik = await server.Viewer.GetJsonAsync("/api/v1/mentions?watch=voltik&lang=ru&limit=5");
        Assert.That(voltik["items"]!.AsArray(), Is.Not.Empty);
        var trends = await server.Viewer.GetJsonAsync("/api/v1/trends?interval=hour&from=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-25).ToString("O")));
        Assert.That(trends["buckets"]!.AsArray().Count(b => b!["total"]!.GetValue<long>() > 0), Is.GreaterThan(12), "backfill spreads posts over the past day");
    }

    [Test]
    public async Task Sources_DemoDisabled_ListsNoDemoAndCountsPipelineOutcomes()
    {
        await using var server = await TestServer.StartAsync();
        var post = Some.Post();
        var bad = Some.Post(text: " ");
        await server.Analyst.IngestOkAsync(Some.Array(post, post, bad));

        var sources = await server.Viewer.GetJsonAsync("/api/v1/sources");

        Assert.That(sources["sources"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()), Has.None.EqualTo("demo"));
        var pipeline = sources["pipeline"]!;
        Assert.That(pipeline["accepted"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(pipeline["duplicates"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(pipeline["rejected"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(pipeline["storeFailures"]!.GetValue<long>(), Is.Zero);
    }
}
