using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using MentionWatch.Dashboard.Tests.Support;
using MentionWatch.Server.Tests.Support;
using Microsoft.Playwright;

namespace MentionWatch.Dashboard.Tests;

/// <summary>The dashboard in headless Chromium against the real server on loopback.</summary>
[NonParallelizable]
public sealed class DashboardTests
{
    private WebhookReceiver _hook = null!;
    private TestServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext? _context;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        (_playwright, _browser) = await Browser.LaunchAsync();
        _hook = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:AllowPrivateTargets"] = "true",
            ["Alerts:Notifiers:hook:Type"] = "webhook",
            ["Alerts:Notifiers:hook:Url"] = _hook.Url.ToString(),
            ["Alerts:Notifiers:hook:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Alerts:Notifiers:hook:TimeoutSeconds"] = "2",
            ["Alerts:Rules:refunds:Type"] = "mention",
            ["Alerts:Rules:refunds:Query"] = "refund",
            ["Alerts:Rules:refunds:GroupBy"] = "none",
            ["Alerts:Rules:refunds:Notify:0"] = "hook",
            ["Watches:0:Name"] = "acme",
            ["Watches:0:Query"] = "acme",
            ["Watches:1:Name"] = "globex",
            ["Watches:1:Query"] = "globex",
        };
        _server = await TestServer.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_hook is not null) await _hook.DisposeAsync();
    }

    [TearDown]
    public async Task CloseContextAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        _context = null;
    }

    [Test]
    public async Task SignIn_WithAdminKey_ShowsTheLiveFeedAndWhoIsSignedIn()
    {
        var page = await SignInAsync(TestServer.AdminKey);
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("admin");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Live feed");
    }

    [Test]
    public async Task SignIn_WithWrongKey_ShowsTheError()
    {
        var page = await OpenAsync();
        await page.FillAsync("#api-key", "not-a-key-not-a-key");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in .error")).ToBeVisibleAsync();
    }

    [Test]
    public async Task LiveFeed_PostIngestedThroughTheApi_AppearsWithinTwoSeconds()
    {
        var page = await SignInAsync(TestServer.AdminKey);
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Live");
        var text = $"acme live post {Guid.NewGuid():N}";
        await IngestAsync(text);
        await Assertions.Expect(page.Locator("#live-list li", new() { HasText = text })).ToBeVisibleAsync(new() { Timeout = 2000 });
        await ScreenshotAsync(page, "live");
    }

    [Test]
    public async Task Inbox_AcknowledgeButton_AcknowledgesTheAlertInTheApi()
    {
        await IngestAsync($"acme please refund my order {Guid.NewGuid():N}");
        var id = await WaitForOpenAlertAsync();
        var page = await SignInAsync(TestServer.AnalystKey, "#/inbox");
        await page.ClickAsync($"tr[data-alert='{id}'] button.ack");
        await Assertions.Expect(page.Locator($"tr[data-alert='{id}'] button.ack")).ToHaveCountAsync(0);
        var detail = await _server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
        Assert.That(detail.GetProperty("alert").GetProperty("state").GetString(), Is.EqualTo("acknowledged"));
        await ScreenshotAsync(page, "inbox");
    }

    [Test]
    public async Task Search_BadQuery_ShowsInvalidQueryWithItsPosition()
    {
        var page = await SignInAsync(TestServer.AdminKey, "#/search");
        await page.FillAsync("#q", "(acme OR globex");
        await page.ClickAsync("form[role=search] button[type=submit]");
        var error = page.Locator("#search-messages .error");
        await Assertions.Expect(error).ToContainTextAsync("Invalid query");
        await Assertions.Expect(error).ToContainTextAsync("at position");
        await ScreenshotAsync(page, "search");
    }

    [Test]
    public async Task Trends_Chart_DrawsOnePointPerBucket()
    {
        await IngestAsync($"acme trend post {Guid.NewGuid():N}");
        var page = await SignInAsync(TestServer.AdminKey, "#/trends");
        var trends = await _server.Admin.GetFromJsonAsync<JsonElement>("/api/v1/trends?interval=hour&groupBy=sentiment");
        var buckets = trends.GetProperty("buckets").GetArrayLength();
        Assert.That(buckets, Is.GreaterThan(0));
        await Assertions.Expect(page.Locator("#trend-chart circle.point-negative")).ToHaveCountAsync(buckets);
        await Assertions.Expect(page.Locator("#share .bar")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "trends");
    }

    [Test]
    public async Task Viewer_DoesNotSeeAdminOrAnalystActions()
    {
        await IngestAsync($"acme refund for the viewer {Guid.NewGuid():N}");
        await WaitForOpenAlertAsync();
        var page = await SignInAsync(TestServer.ViewerKey, "#/watches");
        await Assertions.Expect(page.Locator("#watches tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#create-watch")).ToHaveCountAsync(0);
        await page.GotoAsync(new Uri(_server.BaseAddress, "/#/inbox").ToString());
        await Assertions.Expect(page.Locator("#alerts tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#alerts button")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task EveryScreen_HasNoSeriousOrCriticalAxeViolations()
    {
        await IngestAsync($"acme accessible post {Guid.NewGuid():N}");
        var page = await SignInAsync(TestServer.AdminKey);
        var problems = new List<string>();
        foreach (var screen in new[] { "live", "search", "inbox", "trends", "sources", "watches" })
        {
            await page.GotoAsync(new Uri(_server.BaseAddress, $"/#/{screen}").ToString());
            await Assertions.Expect(page.Locator($"main[data-ready='{screen}']")).ToHaveCountAsync(1);
            await ScreenshotAsync(page, $"screen-{screen}");
            var result = await page.RunAxe();
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{screen}: {v.Id} ({v.Impact}) {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html))}"));
        }
        Assert.That(problems, Is.Empty);
    }

    private async Task<IPage> OpenAsync(string hash = "")
    {
        _context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 800 } });
        var page = await _context.NewPageAsync();
        page.PageError += (_, error) => TestContext.Progress.WriteLine($"page error: {error}");
        page.Console += (_, message) => TestContext.Progress.WriteLine($"console {message.Type}: {message.Text}");
        page.Response += (_, response) => { if (response.Status >= 400) TestContext.Progress.WriteLine($"HTTP {response.Status} {response.Url}"); };
        await page.GotoAsync(new Uri(_server.BaseAddress, "/" + hash).ToString());
        return page;
    }

    private async Task<IPage> SignInAsync(string key, string hash = "")
    {
        var page = await OpenAsync(hash);
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#nav")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-ready]")).ToHaveCountAsync(1);
        return page;
    }

    private async Task IngestAsync(string text)
    {
        var post = new { source = "forum", id = Guid.NewGuid().ToString("N"), text, createdAt = DateTimeOffset.UtcNow, author = new { handle = "someone" } };
        using var response = await _server.Admin.PostAsJsonAsync("/api/v1/ingest", new[] { post });
        response.EnsureSuccessStatusCode();
    }

    private async Task<long> WaitForOpenAlertAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var page = await _server.Admin.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
            var items = page.GetProperty("items");
            if (items.GetArrayLength() > 0) return items[0].GetProperty("id").GetInt64();
            if (DateTime.UtcNow > deadline) Assert.Fail("No open alert within 10 s of ingesting a matching post.");
            await Task.Delay(100);
        }
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
