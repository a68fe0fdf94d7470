using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using MentionWatch.Dashboard.Tests.Support;
using MentionWatch.Server.Tests.Support;
using Microsoft.Playwright;

namespace MentionWatch.Dashboard.Tests;

/// <summary>Response-time chart, watches editor, Russian text, viewer rights, axe, strings and first-load size of the new screens, in headless Chromium against the real server.</summary>
[NonParallelizable]
public sealed class DashboardPagesTests : DashboardFixture
{
    [Test]
    public async Task Trends_ResponseTimeChart_DrawsOneBarPerWindowAndAnsweredBucket_ByHourAndByDay()
    {
        var token = Token();
        var externalId = $"rt-{token}";
        var id = await IngestAsync($"acme my order never arrived, please help {token}", handle: "robin",
            createdAt: DateTimeOffset.UtcNow.AddHours(-3), externalId: externalId);
        await SendAsync(HttpMethod.Put, $"/api/v1/mentions/{id}/labels", new { needsReply = true });
        await IngestAsync($"acme robin, we are on it {token}", handle: "acmehelp", createdAt: DateTimeOffset.UtcNow.AddHours(-1), inReplyTo: externalId);
        var page = await SignInAsync(TestServer.AdminKey, "#/trends");

        foreach (var interval in new[] { "hour", "day" })
        {
            await page.SelectOptionAsync("select[name=interval]", interval);
            var api = await GetJsonAsync($"/api/v1/response-times?interval={interval}");
            var expected = api.GetProperty("buckets").EnumerateArray()
                .SelectMany(b => new[] { "1h", "6h", "24h" }.Select(k => b.GetProperty("figures").GetProperty("answeredWithin").GetProperty(k)))
                .Count(v => v.ValueKind == JsonValueKind.Number);
            Assert.That(expected, Is.GreaterThanOrEqualTo(3), $"the answered mention fills the three windows of its {interval} bucket");
            await Assertions.Expect(page.Locator("#response-chart rect.bar")).ToHaveCountAsync(expected);
            await Assertions.Expect(page.Locator("#response-chart")).ToHaveAttributeAsync("aria-label", $"Response times: {expected} bars");
        }
        await Assertions.Expect(page.Locator("#response-summary")).ToContainTextAsync("Answered within 24h");
        await ScreenshotAsync(page, "trends-response-times");
    }

    [Test]
    public async Task Trends_ComplaintTerms_ListTheWordsTheApiRanksWithALinkToANegativeMention()
    {
        var token = Token();
        foreach (var n in new[] { 1, 2, 3 })
            await IngestAsync($"acme scooter brake{token} failed again, terrible and dangerous, I want a refund {n}", handle: $"rider{n}");
        // Mentions that are not complaints, so the negative ones have a background to stand out from even when this test
        // runs alone (with only negative mentions every word is as common in them as in all, and nothing ranks).
        await IngestAsync($"Loving my new acme scooter, smooth ride to work {token}", handle: "fan1");
        await IngestAsync($"acme scooter update adds a night mode {token}", handle: "fan2");
        var api = await GetJsonAsync("/api/v1/insights/complaints?limit=10");
        var expected = api.GetProperty("terms").EnumerateArray().Select(x => x.GetProperty("term").GetString()!).ToList();
        Assert.That(expected, Is.Not.Empty, "the negative posts give the API something to rank");
        var page = await SignInAsync(TestServer.AdminKey, "#/trends");

        var rows = page.Locator("#complaint-terms tbody th");
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
        Assert.That(await rows.AllInnerTextsAsync(), Is.EqualTo(expected));
        var first = api.GetProperty("terms")[0];
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", $"#/mention/{first.GetProperty("exampleMentionId").GetInt64()}");
        await ScreenshotAsync(page, "trends-complaint-terms");
    }

    [Test]
    public async Task WatchesEditor_TypingABadQuery_ShowsTheErrorAtItsPositionThenSavesCompetitorsAndHandles()
    {
        const string bad = "acme AND (rocket OR";
        using var response = await Server.Admin.GetAsync($"/api/v1/mentions?q={Uri.EscapeDataString(bad)}&limit=1");
        var position = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("position").GetInt32();
        var page = await SignInAsync(TestServer.AdminKey, "#/watches");
        var name = $"rocket{Token()}";
        await page.FillAsync("#watch-name", name);
        await page.Locator("#watch-query").PressSequentiallyAsync(bad);
        var error = page.Locator("#query-error");
        await Assertions.Expect(error).ToContainTextAsync($"at position {position}");
        await Assertions.Expect(error).ToHaveAttributeAsync("data-position", position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#watch-query")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#query-feedback pre.caret span")).ToHaveTextAsync(bad[..Math.Min(position, bad.Length)]);
        await ScreenshotAsync(page, "watches-query-error");

        await page.Locator("#watch-query").PressSequentiallyAsync(" launch)");
        await Assertions.Expect(page.Locator("#query-ok")).ToBeVisibleAsync();
        await page.FillAsync("#own-handles", "rocketco, rocket_help");
        await page.CheckAsync("#competitors input[value='globex']");
        await page.ClickAsync("#create-watch button[type=submit]");
        await Assertions.Expect(page.Locator($"#watches tr[data-watch='{name}']")).ToContainTextAsync("rocketco, rocket_help");

        var watch = await GetJsonAsync($"/api/v1/watches/{name}");
        Assert.That(watch.GetProperty("query").GetString(), Is.EqualTo(bad + " launch)"));
        Assert.That(watch.GetProperty("competitors").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "globex" }));
        Assert.That(watch.GetProperty("ownHandles").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "rocketco", "rocket_help" }));
    }

    [Test]
    public async Task WatchesEditor_EditingAWatch_SavesItsQueryAndCompetitorsThroughPut()
    {
        var name = $"initech{Token()}";
        using (var created = await Server.Admin.PostAsJsonAsync("/api/v1/watches", new { name, query = "initech" })) created.EnsureSuccessStatusCode();
        var page = await SignInAsync(TestServer.AdminKey, "#/watches");
        await page.ClickAsync($"#watches tr[data-watch='{name}'] button.edit");
        await Assertions.Expect(page.Locator("#editor-title")).ToHaveTextAsync($"Edit watch {name}");
        await Assertions.Expect(page.Locator("#watch-name")).ToHaveValueAsync(name);
        await Assertions.Expect(page.Locator("#watch-query")).ToBeFocusedAsync();
        await page.Locator("#watch-query").PressSequentiallyAsync(" OR \"tps report\"");
        await Assertions.Expect(page.Locator("#query-ok")).ToBeVisibleAsync();
        await page.CheckAsync("#competitors input[value='acme']");
        await page.ClickAsync("#create-watch button[type=submit]");
        await Assertions.Expect(page.Locator("#watches-status")).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.Locator($"#watches tr[data-watch='{name}']")).ToContainTextAsync("acme");

        var watch = await GetJsonAsync($"/api/v1/watches/{name}");
        Assert.That(watch.GetProperty("query").GetString(), Is.EqualTo("initech OR \"tps report\""));
        Assert.That(watch.GetProperty("competitors").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "acme" }));
    }

    [Test]
    public async Task RussianSwitch_ChangesTheTextOfTheNewScreens()
    {
        var token = Token();
        var id = await IngestAsync($"acme russian switch {token}", handle: $"ru{token}");
        var page = await SignInAsync(TestServer.AnalystKey, $"#/mention/{id}");
        await page.SelectOptionAsync("#lang-switch", "ru");
        await Assertions.Expect(page.Locator("#conv-title")).ToHaveTextAsync("Переписка");
        await Assertions.Expect(page.Locator("#explain")).ToHaveTextAsync("Почему отмечено?");
        await Assertions.Expect(page.Locator("form.triage button.move-ignored")).ToHaveTextAsync("Игнорировать");
        await Assertions.Expect(page.Locator("#triage-state")).ToHaveTextAsync("новое");
        await GoAsync(page, $"#/author/forum/ru{token}", "author");
        await Assertions.Expect(page.Locator("main h2").Nth(1)).ToHaveTextAsync("Связанные аккаунты");
        await GoAsync(page, "#/trends", "trends");
        await Assertions.Expect(page.Locator("main h2", new() { HasText = "Время ответа" })).ToHaveCountAsync(1);
        await GoAsync(page, "#/inbox", "inbox");
        await Assertions.Expect(page.Locator("main h2").Nth(1)).ToHaveTextAsync("Упоминания, ждущие ответа, по командам");
        await ScreenshotAsync(page, "inbox-ru");
    }

    [Test]
    public async Task Viewer_SeesNoTriageLabelLinkOrEditorActionsOnTheNewScreens()
    {
        var token = Token();
        var id = await IngestAsync($"acme viewer check {token}", handle: $"v{token}");
        await SendAsync(HttpMethod.Put, $"/api/v1/mentions/{id}/labels", new { needsReply = true });
        var page = await SignInAsync(TestServer.ViewerKey, $"#/mention/{id}");
        await Assertions.Expect(page.Locator("#mention-details")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#explain")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form.triage")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#labels-form")).ToHaveCountAsync(0);
        await GoAsync(page, $"#/author/forum/v{token}", "author");
        await Assertions.Expect(page.Locator("#author-mentions tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#link-identity")).ToHaveCountAsync(0);
        await GoAsync(page, "#/inbox", "inbox");
        await Assertions.Expect(page.Locator($"#needs-reply li[data-id='{id}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#needs-reply button")).ToHaveCountAsync(0);
        await GoAsync(page, "#/watches", "watches");
        await Assertions.Expect(page.Locator("#watches tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#watches button.edit, #create-watch")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task NewScreens_HaveNoSeriousOrCriticalAxeViolations()
    {
        var token = Token();
        var id = await IngestAsync($"acme accessible mention {token}", handle: $"a{token}");
        var page = await SignInAsync(TestServer.AdminKey);
        var problems = new List<string>();
        foreach (var (hash, screen) in new[] { ($"#/mention/{id}", "mention"), ($"#/author/forum/a{token}", "author"), ("#/inbox", "inbox"), ("#/trends", "trends"), ("#/watches", "watches") })
        {
            await GoAsync(page, hash, screen);
            if (screen == "mention")
            {
                await page.ClickAsync("#explain");
                await Assertions.Expect(page.Locator("#explanation h3")).ToHaveCountAsync(2);
            }
            if (screen == "watches")
            {
                await page.Locator("#watch-query").PressSequentiallyAsync("(acme");
                await Assertions.Expect(page.Locator("#query-error")).ToBeVisibleAsync();
            }
            await ScreenshotAsync(page, $"new-screen-{screen}");
            var result = await page.RunAxe();
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{screen}: {v.Id} ({v.Impact}) {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html))}"));
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task Strings_EveryEnglishTextHasARussianOne()
    {
        var page = await OpenAsync();
        var missing = await page.EvaluateAsync<string[]>(
            "async () => { const { strings } = await import('/ui/i18n.js'); return Object.keys(strings.en).filter(k => !strings.ru[k] && strings.en[k]); }");
        var count = await page.EvaluateAsync<int>("async () => Object.keys((await import('/ui/i18n.js')).strings.en).length");
        Assert.That(count, Is.GreaterThan(150));
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public async Task FirstLoad_SignInAndLiveFeed_TransfersAtMost300KB()
    {
        var page = await OpenAsync();
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) => requests.Add(request);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.FillAsync("#api-key", TestServer.AdminKey);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("main[data-ready='live']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Live");
        long total = 0;
        foreach (var request in requests.ToList())
        {
            var sizes = await request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize + sizes.RequestHeadersSize + sizes.RequestBodySize;
        }
        TestContext.Progress.WriteLine($"first load: {requests.Count} requests, {total} bytes transferred");
        var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "first-load.txt"), $"{requests.Count} requests, {total} bytes\n");
        Assert.That(requests, Has.Count.GreaterThan(5), "the page, its CSS and JS modules and the API calls were counted");
        Assert.That(total, Is.LessThanOrEqualTo(300 * 1024));
    }
}
