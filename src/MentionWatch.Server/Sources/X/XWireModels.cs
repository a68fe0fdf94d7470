using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Server.Sources.X;

// X API v2 wire format (snake_case). Tweets and users stay JsonElement in the envelope so that one malformed
// item is skipped on its own instead of failing the whole page.

internal sealed record XSearchResponseDto(
    List<JsonElement>? Data,
    XIncludesDto? Includes,
    XMetaDto? Meta,
    List<XProblemDto>? Errors);

internal sealed record XIncludesDto(List<JsonElement>? Users);

internal sealed record XMetaDto(
    [property: JsonPropertyName("result_count")] int ResultCount,
    [property: JsonPropertyName("newest_id")] string? NewestId,
    [property: JsonPropertyName("oldest_id")] string? OldestId,
    [property: JsonPropertyName("next_token")] string? NextToken);

internal sealed record XTweetDto(
    string? Id,
    string? Text,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    string? Lang,
    [property: JsonPropertyName("author_id")] string? AuthorId,
    [property: JsonPropertyName("conversation_id")] string? ConversationId,
    [property: JsonPropertyName("in_reply_to_user_id")] string? InReplyToUserId,
    [property: JsonPropertyName("referenced_tweets")] List<XReferencedTweetDto>? ReferencedTweets);

internal sealed record XReferencedTweetDto(string? Type, string? Id);

internal sealed record XUserDto(
    string? Id,
    string? Username,
    string? Name,
    [property: JsonPropertyName("public_metrics")] XUserMetricsDto? PublicMetrics);

internal sealed record XUserMetricsDto([property: JsonPropertyName("followers_count")] long? FollowersCount);

/// <summary>X's problem object, used both for partial errors in a 200 body and for error responses.</summary>
internal sealed record XProblemDto(string? Title, string? Detail, string? Type, string? Message, int? Status);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(XSearchResponseDto))]
[JsonSerializable(typeof(XTweetDto))]
[JsonSerializable(typeof(XUserDto))]
[JsonSerializable(typeof(XProblemDto))]
internal sealed partial class XJsonContext : JsonSerializerContext;
