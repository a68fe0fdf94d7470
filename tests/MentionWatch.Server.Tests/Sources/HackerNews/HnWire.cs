using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Sources.HackerNews;

/// <summary>Bodies in the Algolia HN Search API wire format (search_by_date).</summary>
internal static class HnWire
{
    public static JsonObject Story(string id, string title, DateTimeOffset created, string author = "pg") => new()
    {
        ["objectID"] = id, ["title"] = title, ["url"] = $"https://example.com/{id}", ["author"] = author, ["points"] = 10,
        ["story_text"] = null, ["created_at"] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"), ["created_at_i"] = created.ToUnixTimeSeconds(),
        ["_tags"] = new JsonArray("story", "author_" + author, "story_" + id),
    };

    public static JsonObject Comment(string id, string html, DateTimeOffset created, long parent) => new()
    {
        ["objectID"] = id, ["comment_text"] = html, ["author"] = "dang", ["story_id"] = parent, ["parent_id"] = parent,
        ["story_title"] = "a story", ["created_at_i"] = created.ToUnixTimeSeconds(), ["_tags"] = new JsonArray("comment", "author_dang"),
    };

    public static string Page(IReadOnlyList<JsonObject> hits, int page, int nbPages, int? nbHits = null, int hitsPerPage = 100) => new JsonObject
    {
        ["hits"] = new JsonArray(hits.Select(h => (JsonNode)h.DeepClone()).ToArray()),
        ["nbHits"] = nbHits ?? hits.Count, ["page"] = page, ["nbPages"] = nbPages, ["hitsPerPage"] = hitsPerPage,
        ["exhaustiveNbHits"] = true, ["query"] = "q", ["params"] = "advancedSyntax=true", ["processingTimeMS"] = 1,
    }.ToJsonString();
}
