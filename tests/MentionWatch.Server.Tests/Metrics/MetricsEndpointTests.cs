using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Metrics;

/// <summary>GET /metrics on the real server: Prometheus text with ingest, queue, latency, alert and HTTP series, behind a key.</summary>
[TestFixture]
public sealed partial class MetricsEndpointTests
{
    private const string ScrapeKey = "scrape-only-key-0123456789";

    [Test]
    public async Task Scrape_AfterIngestAndAlert_ShowsNamedSeriesWithPlausibleValues()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(
            AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url), AlertSettings.KeywordRule("refunds", "refund", "none", "oncall")));
        var duplicate = Some.Post("acme is fine today");
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme refund please"), Some.Post("acme again"), duplicate, duplicate));
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme third", createdAt: DateTimeOffset.UtcNow.AddDays(2))));
        await receiver.WaitAcceptedCountAsync(1);

        var text = await ScrapeUntilAsync(server.Viewer, t => Value(t, "mentionwatch_alert_delivery_latency_seconds_count", "notifier=\"oncall\"") >= 1);

        Assert.That(Value(text, "mentionwatch_ingest_posts_total", "outcome=\"accepted\""), Is.GreaterThanOrEqualTo(3), text);
        Assert.That(Value(text, "mentionwatch_ingest_posts_total", "outcome=\"duplicate\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(Value(text, "mentionwatch_ingest_posts_total", "outcome=\"rejected\""), Is.GreaterThanOrEqualTo(1));
        foreach (var queue in new[] { "normalize", "dedupe", "match", "classify", "store", "sink:alerts", "sink:live-feed" })
            Assert.That(Value(text, "mentionwatch_pipeline_queue_depth", $"queue=\"{queue}\""), Is.InRange(0, 64), queue);
        Assert.That(Value(text, "mentionwatch_pipeline_duration_seconds_count"), Is.GreaterThanOrEqualTo(2));
        Assert.That(Value(text, "mentionwatch_pipeline_duration_seconds_sum"), Is.GreaterThan(0).And.LessThan(60));
        Assert.That(Value(text, "mentionwatch_store_write_duration_seconds_count"), Is.GreaterThanOrEqualTo(1));
        Assert.That(text, Does.Contain("mentionwatch_store_write_duration_seconds_bucket{"));
        Assert.That(Value(text, "mentionwatch_alert_commit_latency_seconds_count"), Is.GreaterThanOrEqualTo(1));
        Assert.That(Value(text, "mentionwatch_alert_commit_latency_seconds_sum"), Is.LessThan(60));
        Assert.That(Value(text, "mentionwatch_alert_deliveries_total", "outcome=\"accepted\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(Value(text, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/ingest\""), Is.GreaterThanOrEqualTo(2));
        Assert.That(text, Does.Contain("# TYPE mentionwatch_ingest_posts_total counter"));
    }

    [Test]
    public async Task Scrape_SourceStatus_ShowsLagAndPostsFetchedPerSource()
    {
        await using var server = await TestServer.StartAsync();
        var registry = server.Services.GetRequiredService<MentionWatch.Server.Sources.SourceStatusRegistry>();
        registry.Register("rss");
        registry.ReportSuccess("rss", 12, DateTimeOffset.UtcNow.AddMinutes(-3));

        var text = await ScrapeUntilAsync(server.Viewer, t => t.Contains("mentionwatch_source_posts_fetched", StringComparison.Ordinal));

        Assert.That(Value(text, "mentionwatch_source_posts_fetched_total", "source=\"rss\""), Is.EqualTo(12), text);
        Assert.That(Value(text, "mentionwatch_source_lag_seconds", "source=\"rss\""), Is.InRange(170, 400));
    }

    [Test]
    public async Task Scrape_WithoutKey_Is401_ScrapeKeyAsBearerWorks_AnonymousOnlyWhenAllowed()
    {
        await using (var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Metrics:Key"] = ScrapeKey }))
        {
            using var anonymous = await server.Anonymous.GetAsync("/metrics");
            await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "needs a key");
            using var wrong = server.NewClient("wrong-key-wrong-key-0123");
            using var refused = await wrong.GetAsync("/metrics");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

            using var bearer = server.NewClient(null);
            bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeKey);
            using var scraped = await bearer.GetAsync("/metrics");
            Assert.That(scraped.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(scraped.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain").Or.EqualTo("application/openmetrics-text"));
        }
        await using (var open = await TestServer.StartAsync(new Dictionary<string, string?> { ["Metrics:AllowAnonymous"] = "true" }))
        {
            using var anonymous = await open.Anonymous.GetAsync("/metrics");
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    /// <summary>The exporter caches a scrape for a moment, and deliveries finish on their own task: scrape until the series is there.</summary>
    private static Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> ready) =>
        Wait.ForValueAsync(async () =>
        {
            using var response = await client.GetAsync("/metrics");
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            return text;
        }, ready, "the awaited series in /metrics");

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; -1 when absent.</summary>
    private static double Value(string text, string name, string label = "")
    {
        foreach (Match m in Sample().Matches(text))
        {
            if (m.Groups["name"].Value != name || !m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)) continue;
            return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return -1;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
