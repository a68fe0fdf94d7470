using System.Net.Http.Json;
using System.Text.Json;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Tests.Sources.X.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Sources.X;

/// <summary>
/// The whole service (real Kestrel, SQLite store, classifier, pipeline, Quartz) polling the fake X server: posts
/// become searchable mentions, /sources reports the X source, and the cursor written with them survives a restart.
/// </summary>
[TestFixture]
public sealed class XSourceEndToEndTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Sources:X:PollIntervalSeconds"] = "1" };
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Server_WithBearerToken_PollsXStoresMentionsAndResumesFromTheStoredCursorAfterRestart()
    {
        await using var x = await FakeXServer.StartAsync();
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        var olga = XWire.User("200", "olga_k", "Olga K", 310);
        x.ReplyOk(XWire.Page(
            [XWire.Tweet("1860000000000000002", "@AcmeMobile my card was charged twice, please help", "200", createdAt),
             XWire.Tweet("1860000000000000001", "Acme Mobile app is great today", "200", createdAt.AddMinutes(-1))],
            [olga]));
        x.DefaultReply = new XReply(200, XWire.Empty());
        var store = TempDirectory.Create("x-e2e");
        try
        {
            await using (var server = await XServerHarness.StartAsync(x, Settings, storePath: store))
            {
                using var admin = server.AdminClient();
                // No own handles: one X target, so the scripted answers all go to the watch's query (own handles add a
                // brand-replies query with a cursor of its own).
                var created = await admin.PostAsJsonAsync("api/v1/watches", new { name = "acme", query = "acme OR @AcmeMobile", ownHandles = Array.Empty<string>(), competitors = Array.Empty<string>() });
                Assert.That((int)created.StatusCode, Is.InRange(200, 299), await created.Content.ReadAsStringAsync());

                var items = await Until(async () =>
                {
                    var page = await admin.GetFromJsonAsync<JsonElement>("api/v1/mentions?source=x&limit=10");
                    var list = page.GetProperty("items").EnumerateArray().ToList();
                    return list.Count == 2 ? list : null;
                }, "both tweets stored as mentions");

                var newest = items[0];
                Assert.That(newest.GetProperty("externalId").GetString(), Is.EqualTo("1860000000000000002"));
                Assert.That(newest.GetProperty("url").GetString(), Is.EqualTo("https://x.com/olga_k/status/1860000000000000002"));
                Assert.That(newest.GetProperty("watches").EnumerateArray().Select(w => w.GetString()), Does.Contain("acme"));
                var sources = await admin.GetFromJsonAsync<JsonElement>("api/v1/sources");
                var xStatus = sources.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "x");
                Assert.That(xStatus.GetProperty("postsFetched").GetInt64(), Is.GreaterThanOrEqualTo(2));
                var found = await admin.GetFromJsonAsync<JsonElement>("api/v1/mentions?q=charged");
                Assert.That(found.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "the polled post is searchable");
            }

            var requestsBeforeRestart = x.Requests.Count;
            await using (var restarted = await XServerHarness.StartAsync(x, Settings, storePath: store))
            {
                await Until(() => Task.FromResult(x.Requests.Count > requestsBeforeRestart ? (object?)true : null), "a poll after the restart");
                Assert.That(x.Requests[requestsBeforeRestart].Query.GetValueOrDefault("since_id"), Is.EqualTo("1860000000000000002"),
                    "the cursor was stored with the mentions and survives the restart");
                Assert.That(await restarted.Services.GetRequiredService<IMentionStore>().CountAsync(CancellationToken.None), Is.EqualTo(2));
            }
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }

    private static async Task<T> Until<T>(Func<Task<T?>> probe, string what) where T : class
    {
        return (await Wait.ForValueAsync<T?>(probe, value => value is not null, what, Patience))!;
    }
}
