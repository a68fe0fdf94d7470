using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using MentionWatch.Dashboard.Tests.Support;
using MentionWatch.Server.Tests.Support;
using Microsoft.Playwright;

namespace MentionWatch.Dashboard.Tests;

/// <summary>The mention, author and inbox-by-team screens, where on-call staff work, in headless Chromium against the real server.</summary>
[NonParallelizable]
public sealed class SupportPagesTests : DashboardFixture
{
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
}
