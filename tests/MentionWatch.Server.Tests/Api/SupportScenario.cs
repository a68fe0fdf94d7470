using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>
/// Synthetic support conversations on watch <c>acme</c> (own handle <c>acme_support</c>), with figures a test can compute
/// by hand. All posts are on source <c>forum</c>, starting at <see cref="T0"/> (16:45 UTC two days ago; team billing
/// works 09:00-17:00 UTC, so M1's reply at 17:15 took 900 business seconds).
/// <list type="bullet">
/// <item>M1 "charged twice, help" at T0: brand reply 30 min later, ingested after it (1,800 s); team billing.</item>
/// <item>M2 at T0+1h: brand reply 2 h later, ingested BEFORE the mention (7,200 s).</item>
/// <item>M3 at T0+2h in conversation conv-3: a non-brand reply after 10 min (not counted), a brand reply in the
///   conversation after 10 h (36,000 s) and one to it directly after 12 h, the later one ingested first.</item>
/// <item>M4 at T0+3h: resolved by hand without a reply.</item>
/// <item>M5 "refund, help" at T0+4h: unanswered; team billing.</item>
/// <item>M6 at T0+5h: needs no reply.</item>
/// </list>
/// Needs reply 5, answered 3: within 1 h 1/5, 6 h 2/5, 24 h 3/5; median 7,200 s; p90 (nearest rank) 36,000 s; resolved 1/5.
/// </summary>
internal sealed class SupportScenario
{
    public static readonly DateTimeOffset T0 = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2).Date, TimeSpan.Zero).AddHours(16).AddMinutes(45);

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
        ["Watches:0:OwnHandles:0"] = "acme_support",
        ["Teams:billing:Query"] = "charged OR refund",
        ["Teams:billing:BusinessHours:TimeZone"] = "Etc/UTC",
        ["Teams:billing:BusinessHours:Start"] = "09:00",
        ["Teams:billing:BusinessHours:End"] = "17:00",
        ["Teams:general:Query"] = "acme",
        ["Teams:general:Order"] = "1",
    };

    public string Run { get; } = Guid.NewGuid().ToString("N")[..8];

    public string Id(string name) => $"{Run}-{name}";

    public Dictionary<string, long> Ids { get; } = [];

    public async Task IngestAsync(TestServer server)
    {
        // The admin key may post as the brand's own handle.
        var admin = server.Admin;
        await admin.IngestOkAsync(Some.Array(Post("m1", "acme charged me twice, help", T0, "dana")));
        await admin.IngestOkAsync(Some.Array(Post("r1", "Sorry Dana, refund is on its way", T0.AddMinutes(30), "acme_support", inReplyTo: Id("m1"))));
        await admin.IngestOkAsync(Some.Array(Post("r2", "We are on it", T0.AddHours(3), "acme_support", inReplyTo: Id("m2"))));
        await admin.IngestOkAsync(Some.Array(Post("m2", "acme app will not start, help", T0.AddHours(1), "erik")));
        await admin.IngestOkAsync(Some.Array(
            Post("m3", "acme app is broken, help", T0.AddHours(2), "fay", conversationId: Id("conv-3")),
            Post("x3", "same here, no idea", T0.AddHours(2).AddMinutes(10), "random_guy", inReplyTo: Id("m3"), conversationId: Id("conv-3"))));
        await admin.IngestOkAsync(Some.Array(Post("r3c", "Following up directly", T0.AddHours(14), "acme_support", inReplyTo: Id("m3"), conversationId: Id("conv-3"))));
        await admin.IngestOkAsync(Some.Array(Post("r3b", "Fixed in 2.1, please update", T0.AddHours(12), "acme_support", conversationId: Id("conv-3"))));
        await admin.IngestOkAsync(Some.Array(
            Post("m4", "acme where do I change my plan?", T0.AddHours(3), "gus"),
            Post("m5", "acme where is my refund, help", T0.AddHours(4), "dana"),
            Post("m6", "acme is nice", T0.AddHours(5), "hal")));
        var found = await server.Viewer.GetJsonAsync($"/api/v1/mentions?source=forum&limit=1000&from={Iso(T0.AddHours(-1))}");
        foreach (var item in found["items"]!.AsArray())
        {
            var externalId = (string)item!["externalId"]!;
            if (externalId.StartsWith(Run + "-", StringComparison.Ordinal)) Ids[externalId[(Run.Length + 1)..]] = (long)item["id"]!;
        }
        using var resolve = await server.Analyst.PostJsonAsync($"/api/v1/mentions/{Ids["m4"]}/triage", "{\"state\":\"resolved\",\"note\":\"answered on the phone\"}");
        Assert.That((int)resolve.StatusCode, Is.EqualTo(200), await resolve.Content.ReadAsStringAsync());
    }

    public JsonObject Post(string name, string text, DateTimeOffset at, string handle, string? inReplyTo = null, string? conversationId = null)
    {
        var post = Some.Post(text, id: Id(name), source: "forum", createdAt: at, handle: handle, inReplyTo: inReplyTo);
        if (conversationId is not null) post["conversationId"] = conversationId;
        return post;
    }

    public static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));
}
