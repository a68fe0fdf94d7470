using System.Net.Http.Json;
using System.Text.Json;
using MentionWatch.Server.Tests.Support;
using Microsoft.Playwright;

namespace MentionWatch.Dashboard.Tests.Support;

/// <summary>
/// One real server on loopback (watches acme with own handle acmehelp, globex; a refunds alert rule paging a loopback
/// webhook; a billing team) and one headless Chromium per fixture; a fresh browser context per test.
/// </summary>
public abstract class DashboardFixture
{
    private WebhookReceiver _hook = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext? _context;

    private protected TestServer Server { get; private set; } = null!;

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
            ["Watches:0:OwnHandles:0"] = "acmehelp",
            ["Watches:1:Name"] = "globex",
            ["Watches:1:Query"] = "globex",
            ["Teams:billing:Query"] = "invoice",
        };
        Server = await TestServer.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        if (_hook is not null) await _hook.DisposeAsync();
    }

    [TearDown]
    public async Task CloseContextAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        _context = null;
    }

    protected async Task<IPage> OpenAsync(string hash = "")
    {
        _context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 800 } });
        var page = await _context.NewPageAsync();
        page.PageError += (_, error) => TestContext.Progress.WriteLine($"page error: {error}");
        page.Console += (_, message) => TestContext.Progress.WriteLine($"console {message.Type}: {message.Text}");
        page.Response += (_, response) => { if (response.Status >= 400) TestContext.Progress.WriteLine($"HTTP {response.Status} {response.Url}"); };
        await page.GotoAsync(Url(hash));
        return page;
    }

    protected async Task<IPage> SignInAsync(string key, string hash = "")
    {
        var page = await OpenAsync(hash);
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#nav")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-ready]")).ToHaveCountAsync(1);
        return page;
    }

    /// <summary>Goes to a hash route and waits until that screen has rendered.</summary>
    protected async Task GoAsync(IPage page, string hash, string screen)
    {
        await page.GotoAsync(Url(hash));
        await Assertions.Expect(page.Locator($"main[data-ready='{screen}']")).ToHaveCountAsync(1);
    }

    /// <summary>A short unique word, so a test finds its own posts among those of earlier tests.</summary>
    protected static string Token() => Guid.NewGuid().ToString("N")[..12];

    protected string Url(string hash) => new Uri(Server.BaseAddress, "/" + hash).ToString();

    /// <summary>Ingests one post through the API (stored when the call returns) and gives its mention id.</summary>
    protected async Task<long> IngestAsync(string text, string handle = "someone", string source = "forum", DateTimeOffset? createdAt = null,
        string? externalId = null, string? inReplyTo = null, string? conversationId = null)
    {
        var id = externalId ?? Guid.NewGuid().ToString("N");
        var post = new { source, id, text, createdAt = createdAt ?? DateTimeOffset.UtcNow, author = new { handle }, inReplyTo, conversationId };
        using (var response = await Server.Admin.PostAsJsonAsync("/api/v1/ingest", new[] { post }))
            response.EnsureSuccessStatusCode();
        var page = await Server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/mentions?source={source}&q={Uri.EscapeDataString($"\"{text}\"")}&limit=5");
        var items = page.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("externalId").GetString() == id).ToList();
        Assert.That(items, Has.Count.EqualTo(1), $"the ingested post {id} is stored and found by its text");
        return items[0].GetProperty("id").GetInt64();
    }

    protected async Task<JsonElement> GetJsonAsync(string url) => await Server.Admin.GetFromJsonAsync<JsonElement>(url);

    protected async Task SendAsync(HttpMethod method, string url, object body)
    {
        using var response = await Server.Admin.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{method} {url}: {await response.Content.ReadAsStringAsync()}");
    }

    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
