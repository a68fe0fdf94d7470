using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Support;

/// <summary>Test data: ingest items as JSON, with unique ids unless given.</summary>
internal static class Some
{
    private static long _counter;

    public static string Id(string prefix = "p") => $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}";

    public static JsonObject Post(
        string text = "I love my Voltik scooter, best ride ever",
        string? id = null,
        string source = "test",
        DateTimeOffset? createdAt = null,
        string handle = "someone",
        string? lang = null,
        string? repostOf = null,
        string? inReplyTo = null)
    {
        var post = new JsonObject
        {
            ["source"] = source,
            ["id"] = id ?? Id(),
            ["text"] = text,
            ["createdAt"] = (createdAt ?? DateTimeOffset.UtcNow.AddMinutes(-5)).ToString("O"),
            ["url"] = "https://example.test/post",
            ["author"] = new JsonObject { ["id"] = "u-" + handle, ["handle"] = handle, ["name"] = "Some One", ["followers"] = 42 },
        };
        if (lang is not null) post["lang"] = lang;
        if (repostOf is not null) post["repostOf"] = repostOf;
        if (inReplyTo is not null) post["inReplyTo"] = inReplyTo;
        return post;
    }

    public static JsonArray Array(params JsonNode[] items) => new(items.Select(i => i.DeepClone()).ToArray());

    public static string Ndjson(IEnumerable<JsonNode> items) => string.Join("\n", items.Select(i => i.ToJsonString())) + "\n";

    public static JsonObject Watch(string name, string query, string[]? ownHandles = null, string[]? competitors = null) => new()
    {
        ["name"] = name,
        ["query"] = query,
        ["ownHandles"] = new JsonArray((ownHandles ?? []).Select(h => (JsonNode)h).ToArray()),
        ["competitors"] = new JsonArray((competitors ?? []).Select(c => (JsonNode)c).ToArray()),
    };
}
