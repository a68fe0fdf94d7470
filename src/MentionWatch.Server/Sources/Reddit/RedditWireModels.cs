using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Server.Sources.Reddit;

// Reddit's wire format: a Listing {kind, data: {after, children: [{kind: "t3", data: {...}}]}}, snake_case fields;
// children stay JsonElement so one malformed post is skipped on its own.

internal sealed record RedditListingDto(string? Kind, RedditListingDataDto? Data);

internal sealed record RedditListingDataDto(string? After, string? Before, List<JsonElement>? Children);

internal sealed record RedditThingDto(string? Kind, RedditLinkDto? Data);

internal sealed record RedditLinkDto(
    string? Id,
    string? Name,
    string? Title,
    string? Selftext,
    string? Body,
    string? Author,
    [property: JsonPropertyName("author_fullname")] string? AuthorFullname,
    [property: JsonPropertyName("created_utc")] double? CreatedUtc,
    string? Permalink,
    string? Subreddit,
    [property: JsonPropertyName("parent_id")] string? ParentId);

internal sealed record RedditTokenDto(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    string? Error);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RedditListingDto))]
[JsonSerializable(typeof(RedditThingDto))]
[JsonSerializable(typeof(RedditTokenDto))]
internal sealed partial class RedditJsonContext : JsonSerializerContext;
