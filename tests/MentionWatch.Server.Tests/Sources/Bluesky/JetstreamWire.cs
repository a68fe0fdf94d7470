using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Sources.Bluesky;

/// <summary>Jetstream's event format (did, time_us, kind, commit), as its documentation describes it.</summary>
internal static class JetstreamWire
{
    public static string Post(string did, string rkey, long timeUs, string text, string lang = "en") => new JsonObject
    {
        ["did"] = did,
        ["time_us"] = timeUs,
        ["kind"] = "commit",
        ["commit"] = new JsonObject
        {
            ["rev"] = "3l" + rkey, ["operation"] = "create", ["collection"] = "app.bsky.feed.post", ["rkey"] = rkey, ["cid"] = "bafy" + rkey,
            ["record"] = new JsonObject
            {
                ["$type"] = "app.bsky.feed.post", ["text"] = text, ["createdAt"] = DateTimeOffset.FromUnixTimeMilliseconds(timeUs / 1000).ToString("O"),
                ["langs"] = new JsonArray(lang),
            },
        },
    }.ToJsonString();

    public static string Identity(string did, long timeUs, string handle = "x.bsky.social") =>
        new JsonObject { ["did"] = did, ["time_us"] = timeUs, ["kind"] = "identity", ["identity"] = new JsonObject { ["did"] = did, ["handle"] = handle, ["seq"] = 1 } }.ToJsonString();

    public static string SearchPage(string? cursor, params (string Did, string Rkey, string Handle, string Text, DateTimeOffset At)[] posts) => new JsonObject
    {
        ["cursor"] = cursor,
        ["hitsTotal"] = posts.Length,
        ["posts"] = new JsonArray(posts.Select(p => (JsonNode)new JsonObject
        {
            ["uri"] = $"at://{p.Did}/app.bsky.feed.post/{p.Rkey}", ["cid"] = "bafy" + p.Rkey,
            ["author"] = new JsonObject { ["did"] = p.Did, ["handle"] = p.Handle, ["displayName"] = p.Handle },
            ["record"] = new JsonObject { ["$type"] = "app.bsky.feed.post", ["text"] = p.Text, ["createdAt"] = p.At.ToString("O"), ["langs"] = new JsonArray("en") },
            ["indexedAt"] = p.At.ToString("O"),
        }).ToArray()),
    }.ToJsonString();
}
