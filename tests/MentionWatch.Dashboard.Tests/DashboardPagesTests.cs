using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using MentionWatch.Dashboard.Tests.Support;
using MentionWatch.Server.Tests.Support;
using Microsoft.Playwright;

namespace MentionWatch.Dashboard.Tests;

/// <summary>The mention, author, inbox-by-team, response-time and watch-editor screens in headless Chromium against the real server.</summary>
[NonParallelizable]
public sealed class DashboardPagesTests : DashboardFixture
{
    private static string Token() => Guid.NewGuid().ToString("N")[..12];

    [Test]
    public async Task MentionPage_OpenedFromASearchRow_ShowsTriageHistoryAndItsLabelCorrectionReachesTheApi()
    {
        var token = Token();
        var id = await IngestAsync($"acme the app keeps crashing {token}");
        await SendAsync(HttpMethod.Post, $"/api/v1/mentions/{id}/triage", new { state = "assigned", assignee = "dana", note = "first look" });
        var page = await SignInAsync(TestServer.AnalystKey, "#/search");
        await page.FillAsync("#q", token);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.ClickAsync($"#search-results li[data-id='{id}'] a.mention-link");
        await Assertions.Expect(page.Locator("main[data-ready='mention']")).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/mention/{id}$"));

        var history = page.Locator("#triage-history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await Assertions.Expect(history.First).ToContainTextAsync("assigned");
        await Assertions.Expect(history.First).ToContainTextAsync("dana");
        await Assertions.Expect(page.Locator("#triage-state")).ToHaveTextAsync("assigned");

        var before = (await GetJsonAsync($"/api/v1/mentions/{id}")).GetProperty("sentiment").GetProperty("label").GetString();
        var corrected = before == "positive" ? "negative" : "positive";
        await page.SelectOptionAsync("#labels-form select[name=sentiment]", corrected);
        await page.FillAsync("#labels-form input[name=note]", "sarcasm");
        await page.ClickAsync("#labels-form button[type=submit]");
        await Assertions.Expect(page.Locator("#mention-status")).ToHaveTextAsync("Correction saved.");
        await Assertions.Expect(page.Locator("#corrections tbody tr")).ToContainTextAsync(corrected);

        var mention = await GetJsonAsync($"/api/v1/mentions/{id}");
        Assert.That(mention.GetProperty("sentiment").GetProperty("label").GetString(), Is.EqualTo(corrected));
        var corrections = (await GetJsonAsync($"/api/v1/mentions/{id}/history")).GetProperty("corrections");
        Assert.That(corrections.GetArrayLength(), Is.EqualTo(1));
        Assert.That(corrections[0].GetProperty("newValue").GetString(), Is.EqualTo(corrected));
        Assert.That(corrections[0].GetProperty("who").GetString(), Is.EqualTo("analyst"));

        await page.ClickAsync("#explain");
        await Assertions.Expect(page.Locator("#explanation h3")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "mention");
    }

    [Test]
    public async Task MentionPage_ShowsTheThreadTheBrandReplyAndOnlyTheMovesTheTriageApiAllows()
    {
        var token = Token();
        var externalId = $"q-{token}";
        var id = await IngestAsync($"acme where is my parcel {token}", handle: "pat", createdAt: DateTimeOffset.UtcNow.AddMinutes(-30), externalId: externalId);
        await IngestAsync($"acme sorry pat, it ships today {token}", handle: "acmehelp", createdAt: DateTimeOffset.UtcNow.AddMinutes(-5),
            externalId: $"r-{token}", inReplyTo: externalId);
        await IngestAsync($"acme thanks, got the tracking number {token}", handle: "pat", createdAt: DateTimeOffset.UtcNow.AddMinutes(-2),
            inReplyTo: $"r-{token}", conversationId: externalId);
        await IngestAsync($"acme unrelated question from pat {token}", handle: "pat", createdAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var page = await SignInAsync(TestServer.AnalystKey, $"#/mention/{id}");
        await Assertions.Expect(page.Locator("#brand-replies li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#brand-replies li")).ToContainTextAsync("it ships today");
        await Assertions.Expect(page.Locator("#thread li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#thread li")).ToContainTextAsync("got the tracking number");
        await Assertions.Expect(page.Locator("#triage-state")).ToHaveTextAsync("replied");
        await Assertions.Expect(page.Locator("form.triage button.move")).ToHaveTextAsync(["Assign", "Resolve", "Ignore"]);

        await page.ClickAsync("form.triage button.move-ignored");
        await Assertions.Expect(page.Locator("#triage-state")).ToHaveTextAsync("ignored");
        await Assertions.Expect(page.Locator("form.triage button.move")).ToHaveTextAsync(["Reopen"]);
        Assert.That((await GetJsonAsync($"/api/v1/mentions/{id}")).GetProperty("triage").GetString(), Is.EqualTo("ignored"));
    }

    [Test]
    public async Task AuthorPage_ListsPostsFromTwoSourcesOnceTheIdentitiesAreLinkedThere()
    {
        var token = Token();
        var handle = $"casey{token}";
        await IngestAsync($"acme love the new release {token}", handle: handle, source: "forum");
        await IngestAsync($"acme checkout is broken {token}", handle: handle + "_r", source: "reviews");
        var page = await SignInAsync(TestServer.AnalystKey, $"#/author/forum/{handle}");
        await Assertions.Expect(page.Locator("#author-mentions tbody tr")).ToHaveCountAsync(1);

        await page.FillAsync("#link-identity input[name=source]", "reviews");
        await page.FillAsync("#link-identity input[name=handle]", handle + "_r");
        await page.ClickAsync("#link-identity button[type=submit]");
        await Assertions.Expect(page.Locator("#author-mentions tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#author-mentions tr[data-source='forum']")).ToContainTextAsync("love the new release");
        await Assertions.Expect(page.Locator("#author-mentions tr[data-source='reviews']")).ToContainTextAsync("checkout is broken");
        await Assertions.Expect(page.Locator("#linked-identities li")).ToHaveTextAsync([$"@{handle}_r (reviews)"]);
        await Assertions.Expect(page.Locator("#author-summary")).ToContainTextAsync("2");
        var api = await GetJsonAsync($"/api/v1/authors/forum/{handle}");
        Assert.That(api.GetProperty("mentions").EnumerateArray().Select(m => m.GetProperty("mention").GetProperty("source").GetString()),
            Is.EquivalentTo(new[] { "forum", "reviews" }));
        await ScreenshotAsync(page, "author");
    }

    [Test]
    public async Task Inbox_AssignMarkRepliedAndIgnore_MoveTheMentionsInTheApiAndGroupThemByTeam()
    {
        var token = Token();
        var ids = new List<long>();
        foreach (var text in new[] { "wrong amount", "no answer by mail", "spam offer" })
        {
            var id = await IngestAsync($"acme help {text} {token}");
            await SendAsync(HttpMethod.Put, $"/api/v1/mentions/{id}/labels", new { needsReply = true });
            ids.Add(id);
        }
        var page = await SignInAsync(TestServer.AnalystKey, "#/inbox");
        var row = (long id) => page.Locator($"#needs-reply li[data-id='{id}']");

        await row(ids[0]).Locator("input[name=team]").FillAsync("billing");
        await row(ids[0]).Locator("button.move-assigned").ClickAsync();
        await Assertions.Expect(page.Locator($"section.team-group[data-team='billing'] li[data-id='{ids[0]}']")).ToHaveCountAsync(1);

        await row(ids[1]).Locator("button.move-replied").ClickAsync();
        await Assertions.Expect(row(ids[1]).Locator("[role=alert]")).ToContainTextAsync("needs a note");
        await row(ids[1]).Locator("input[name=note]").FillAsync("answered by phone");
        await row(ids[1]).Locator("button.move-replied").ClickAsync();
        await Assertions.Expect(row(ids[1]).Locator("button.move-replied")).ToHaveCountAsync(0);

        await row(ids[2]).Locator("button.move-ignored").ClickAsync();
        await Assertions.Expect(row(ids[2])).ToHaveCountAsync(0);

        var states = new List<(string?, string?)>();
        foreach (var id in ids)
        {
            var m = await GetJsonAsync($"/api/v1/mentions/{id}");
            states.Add((m.GetProperty("triage").GetString(), m.GetProperty("team").ValueKind == JsonValueKind.Null ? null : m.GetProperty("team").GetString()));
        }
        Assert.That(states[0], Is.EqualTo(("assigned", "billing")));
        Assert.That(states[1].Item1, Is.EqualTo("replied"));
        Assert.That(states[2].Item1, Is.EqualTo("ignored"));
        await ScreenshotAsync(page, "inbox-by-team");
    }

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
