using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Server.Sources.HackerNews;

// Algolia HN Search API wire format (camelCase envelope, snake_case hit fields). Hits stay JsonElement so one
// malformed hit is skipped on its own.

internal sealed record HnSearchResponseDto(
    List<JsonElement>? Hits,
    [property: JsonPropertyName("nbHits")] int? NbHits,
    int? Page,
    [property: JsonPropertyName("nbPages")] int? NbPages,
    [property: JsonPropertyName("hitsPerPage")] int? HitsPerPage);

internal sealed record HnHitDto(
    [property: JsonPropertyName("objectID")] string? ObjectId,
    [property: JsonPropertyName("created_at_i")] long? CreatedAtI,
    string? Author,
    string? Title,
    string? Url,
    [property: JsonPropertyName("story_text")] string? StoryText,
    [property: JsonPropertyName("comment_text")] string? CommentText,
    [property: JsonPropertyName("story_id")] long? StoryId,
    [property: JsonPropertyName("parent_id")] long? ParentId,
    [property: JsonPropertyName("story_title")] string? StoryTitle,
    [property: JsonPropertyName("_tags")] List<string>? Tags);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(HnSearchResponseDto))]
[JsonSerializable(typeof(HnHitDto))]
internal sealed partial class HnJsonContext : JsonSerializerContext;
