using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

[TestFixture]
public sealed class ExportApiTests
{
    private const int Posts = 1_200;
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync();
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var posts = Enumerable.Range(0, Posts).Select(i => (JsonNode)Some.Post(
            i % 2 == 0 ? $"Привет, ёжик номер {i}, \"кавычки\", запятые" : $"=cmd|' /C calc'!A0 line {i}\nsecond line",
            source: "exp", id: $"e{i}", createdAt: start.AddMinutes(i), lang: i % 2 == 0 ? "ru" : "en")).ToArray();
        for (var i = 0; i < posts.Length; i += 400) await _server.Analyst.IngestOkAsync(new JsonArray(posts[i..(i + 400)].Select(p => p.DeepClone()).ToArray()));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Export_Csv_BomHeaderCyrillicAndEveryRow()
    {
        using var response = await _server.Analyst.GetAsync("/api/v1/export?format=csv&source=exp");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".csv"));
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.That(text, Does.StartWith("id,createdAt,source,externalId,"));
        Assert.That(text, Does.Contain("\"Привет, ёжик номер 0, \"\"кавычки\"\", запятые\""));
        Assert.That(text, Does.Contain("\"'=cmd|' /C calc'!A0 line 1\nsecond line\""), "formulas are neutralised for Excel, newlines kept inside quotes");
        // Every record ends with CRLF; the embedded newlines are bare LF, so CRLF counts records.
        Assert.That(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(Posts + 1));
    }

    [Test]
    public async Task Export_Ndjson_OneMentionPerLineNewestFirst()
    {
        using var response = await _server.Analyst.GetAsync("/api/v1/export?format=ndjson&source=exp&lang=ru");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
        Assert.That(lines, Has.Length.EqualTo(Posts / 2));
        var first = JsonNode.Parse(lines[0])!;
        Assert.That(first["externalId"]!.GetValue<string>(), Is.EqualTo($"e{Posts - 2}"));
        Assert.That(lines.Select(l => JsonNode.Parse(l)!["lang"]!.GetValue<string>()), Is.All.EqualTo("ru"));
    }

    [Test]
    public async Task Export_ViewerKey_403()
    {
        using var response = await _server.Viewer.GetAsync("/api/v1/export?format=csv");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "analyst");
    }

    [Test]
    public async Task Export_UnknownFormat_400()
    {
        using var response = await _server.Analyst.GetAsync("/api/v1/export?format=xlsx");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "format 'xlsx' must be one of: csv, ndjson");
    }

    [Test]
    public async Task Export_BadQuery_400BeforeAnyRowIsSent()
    {
        using var response = await _server.Analyst.GetAsync("/api/v1/export?format=csv&q=" + Uri.EscapeDataString("\"unclosed phrase"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "position");
    }
}
