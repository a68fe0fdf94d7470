using System.Text.Json;
using MentionWatch.Core.Domain;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Sources.X;

/// <summary>Maps one page of tweets and their expanded authors to <see cref="Post"/>s, skipping (and logging) bad items.</summary>
internal sealed partial class XPostMapper(ILogger<XPostMapper> logger)
{
    public const string SourceName = "x";

    public IReadOnlyList<Post> Map(XSearchResponseDto page, out int skipped)
    {
        var users = ReadUsers(page.Includes?.Users);
        var posts = new List<Post>(page.Data?.Count ?? 0);
        skipped = 0;
        foreach (var element in page.Data ?? [])
        {
            var tweetId = TryReadId(element);
            try
            {
                var tweet = element.Deserialize(XJsonContext.Default.XTweetDto)
                    ?? throw new JsonException("tweet is null");
                posts.Add(ToPost(tweet, users));
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
            {
                skipped++;
                LogSkippedTweet(tweetId ?? "<no id>", ex.Message);
            }
        }

        return posts;
    }

    private static Post ToPost(XTweetDto tweet, IReadOnlyDictionary<string, XUserDto> users)
    {
        if (string.IsNullOrWhiteSpace(tweet.Id)) throw new InvalidDataException("tweet has no id");
        if (tweet.Text is null) throw new InvalidDataException("tweet has no text");
        if (tweet.CreatedAt is not { } createdAt) throw new InvalidDataException("tweet has no created_at");
        if (tweet.AuthorId is null || !users.TryGetValue(tweet.AuthorId, out var user))
        {
            throw new InvalidDataException($"author {tweet.AuthorId ?? "<none>"} is not in includes.users");
        }

        var handle = user.Username!;
        var references = tweet.ReferencedTweets ?? [];
        return new Post(
            SourceName,
            tweet.Id,
            tweet.Text,
            createdAt,
            new Author(user.Id, handle, user.Name, user.PublicMetrics?.FollowersCount),
            Url: $"https://x.com/{handle}/status/{tweet.Id}",
            // "und" is X's "could not tell"; leave detection to the pipeline.
            Lang: string.IsNullOrEmpty(tweet.Lang) || tweet.Lang == "und" ? null : tweet.Lang,
            InReplyTo: references.FirstOrDefault(r => r.Type == "replied_to")?.Id,
            RepostOf: references.FirstOrDefault(r => r.Type == "retweeted")?.Id,
            ConversationId: tweet.ConversationId);
    }

    private Dictionary<string, XUserDto> ReadUsers(List<JsonElement>? elements)
    {
        var users = new Dictionary<string, XUserDto>(StringComparer.Ordinal);
        foreach (var element in elements ?? [])
        {
            try
            {
                var user = element.Deserialize(XJsonContext.Default.XUserDto);
                if (user?.Id is null || string.IsNullOrWhiteSpace(user.Username))
                {
                    throw new InvalidDataException("user has no id or username");
                }

                users[user.Id] = user;
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
            {
                LogSkippedUser(TryReadId(element) ?? "<no id>", ex.Message);
            }
        }

        return users;
    }

    private static string? TryReadId(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "X tweet {TweetId} skipped: {Reason}")]
    private partial void LogSkippedTweet(string tweetId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "X user {UserId} in includes.users skipped: {Reason}")]
    private partial void LogSkippedUser(string userId, string reason);
}
