using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Sources.X.Support;

/// <summary>Builds bodies in X API v2's documented recent-search wire format (snake_case, string ids).</summary>
internal static class XWire
{
    public static JsonObject Tweet(
        string id,
        string text,
        string authorId,
        DateTimeOffset createdAt,
        string lang = "en",
        string? retweetOf = null,
        string? replyTo = null,
        string? replyToUserId = null)
    {
        var tweet = new JsonObject
        {
            ["id"] = id,
            ["text"] = text,
            ["author_id"] = authorId,
            ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["lang"] = lang,
            ["conversation_id"] = replyTo ?? id,
            ["edit_history_tweet_ids"] = new JsonArray(id),
            ["public_metrics"] = new JsonObject { ["retweet_count"] = 1, ["reply_count"] = 0, ["like_count"] = 3, ["quote_count"] = 0 },
        };
        var references = new JsonArray();
        if (retweetOf is not null) references.Add(new JsonObject { ["type"] = "retweeted", ["id"] = retweetOf });
        if (replyTo is not null) references.Add(new JsonObject { ["type"] = "replied_to", ["id"] = replyTo });
        if (references.Count > 0) tweet["referenced_tweets"] = references;
        if (replyToUserId is not null) tweet["in_reply_to_user_id"] = replyToUserId;
        return tweet;
    }

    public static JsonObject User(string id, string username, string name, long followers) => new()
    {
        ["id"] = id,
        ["username"] = username,
        ["name"] = name,
        ["public_metrics"] = new JsonObject
        {
            ["followers_count"] = followers, ["following_count"] = 10, ["tweet_count"] = 100, ["listed_count"] = 1,
        },
    };

    /// <summary>A page: data newest first, includes.users, meta with newest/oldest id and an optional next_token.</summary>
    public static string Page(IReadOnlyList<JsonObject> tweets, IReadOnlyList<JsonObject> users, string? nextToken = null)
    {
        var meta = new JsonObject
        {
            ["newest_id"] = tweets[0]["id"]!.GetValue<string>(),
            ["oldest_id"] = tweets[^1]["id"]!.GetValue<string>(),
            ["result_count"] = tweets.Count,
        };
        if (nextToken is not null) meta["next_token"] = nextToken;
        var page = new JsonObject
        {
            ["data"] = new JsonArray(tweets.Select(t => (JsonNode)t.DeepClone()).ToArray()),
            ["includes"] = new JsonObject { ["users"] = new JsonArray(users.Select(u => (JsonNode)u.DeepClone()).ToArray()) },
            ["meta"] = meta,
        };
        return page.ToJsonString();
    }

    /// <summary>What X sends when nothing matched: no data, no includes, result_count 0.</summary>
    public static string Empty() => "{\"meta\":{\"result_count\":0}}";

    /// <summary>An error body in X's problem format.</summary>
    public static string Problem(string title, string detail, string type, int status) =>
        JsonSerializer.Serialize(new { title, detail, type, status });

    public static Dictionary<string, string> RateLimitHeaders(int remaining, DateTimeOffset? reset = null) => new()
    {
        ["x-rate-limit-limit"] = "450",
        ["x-rate-limit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
        ["x-rate-limit-reset"] = (reset ?? DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    };
}
