using System.Net;
using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Auth;

[TestFixture]
public sealed class AuditLogTests
{
    private static async Task<List<JsonNode>> AuditAsync(TestServer server, string query = "")
    {
        var page = await server.Admin.GetJsonAsync("/api/v1/audit?limit=1000" + query);
        return page["items"]!.AsArray().Select(i => i!).ToList();
    }

    [Test]
    public async Task Changes_EachRecordedWithKeyNameRouteTargetAddressAndStatus()
    {
        await using var server = await TestServer.StartAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);

        (await server.Admin.PostJsonAsync("/api/v1/watches", Some.Watch("audited", "audited").ToJsonString())).Dispose();
        (await server.Analyst.PostJsonAsync("/api/v1/watches", Some.Watch("refused", "x").ToJsonString())).Dispose();
        (await server.Anonymous.DeleteAsync("/api/v1/watches/audited")).Dispose();
        (await server.Analyst.IngestOkAsync(Some.Array(Some.Post("audited post"), Some.Post("another")))).ToString();
        (await server.Admin.DeleteAsync("/api/v1/watches/AUDITED")).Dispose();
        (await server.Viewer.GetAsync("/api/v1/watches")).Dispose();

        var entries = await AuditAsync(server, "&from=" + Uri.EscapeDataString(from.ToString("O")));

        var rows = entries.Select(e => $"{e["actor"]} {e["method"]} {e["route"]} [{e["target"]}] {e["status"]} {e["clientAddress"]}").ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            "admin DELETE /api/v1/watches/{name} [watch audited] 204 127.0.0.1",
            "analyst POST /api/v1/ingest [2 posts: 2 accepted, 0 duplicates, 0 rejected] 200 127.0.0.1",
            " DELETE /api/v1/watches/{name} [name=audited] 401 127.0.0.1",
            "analyst POST /api/v1/watches [] 403 127.0.0.1",
            "admin POST /api/v1/watches [watch audited] 201 127.0.0.1",
        }), "newest first; reads are not changes");
        Assert.That(entries.Select(e => e["at"]!.GetValue<DateTimeOffset>()), Is.All.GreaterThanOrEqualTo(from));
    }

    [Test]
    public async Task Audit_ViewerAndAnalyst_403()
    {
        await using var server = await TestServer.StartAsync();

        using var viewer = await server.Viewer.GetAsync("/api/v1/audit");
        using var analyst = await server.Analyst.GetAsync("/api/v1/audit");

        await viewer.AssertProblemAsync(HttpStatusCode.Forbidden, "needs the 'admin' role");
        await analyst.AssertProblemAsync(HttpStatusCode.Forbidden, "needs the 'admin' role");
    }

    [Test]
    public async Task Audit_Cursor_WalksNewestFirstWithoutRepeats()
    {
        await using var server = await TestServer.StartAsync();
        for (var i = 0; i < 5; i++) (await server.Admin.PutJsonAsync($"/api/v1/watches/w{i}", Some.Watch($"w{i}", "x").ToJsonString())).Dispose();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await server.Admin.GetJsonAsync("/api/v1/audit?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["target"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo(new[] { "watch w4", "watch w3", "watch w2", "watch w1", "watch w0" }));
        using var bad = await server.Admin.GetAsync("/api/v1/audit?cursor=zzz");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "cursor 'zzz'");
    }

    [Test]
    public async Task Audit_Restart_EntriesAreDurable()
    {
        var store = TempDirectory.Create("store");
        try
        {
            await using (var first = await TestServer.StartAsync(storePath: store))
                (await first.Admin.PutJsonAsync("/api/v1/watches/kept", Some.Watch("kept", "x").ToJsonString())).Dispose();

            await using var second = await TestServer.StartAsync(storePath: store);

            Assert.That((await AuditAsync(second)).Select(e => e["target"]!.GetValue<string>()), Does.Contain("watch kept"));
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }
}
