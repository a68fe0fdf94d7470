using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;

namespace MentionWatch.Server.Sources.Mastodon;

/// <summary>
/// A Mastodon status (the streaming <c>update</c> payload and the search result) as a post. The id is the
/// status's ActivityPub <c>uri</c>, the same on every instance, so a status seen on two instances is stored once.
/// A boost carries the boosted status's text and points at it with <see cref="Post.RepostOf"/>.
/// </summary>
internal static class MastodonStatuses
{
    public const string SourceName = "mastodon";

    /// <summary>Throws <see cref="InvalidDataException"/> when a required field is missing.</summary>
    public static Post ToPost(JsonElement status, string instanceHost)
    {
        if (status.ValueKind != JsonValueKind.Object) throw new InvalidDataException("the status is not an object");
        var uri = Str(status, "uri") ?? throw new InvalidDataException("the status has no uri");
        if (!status.TryGetProperty("created_at", out var created) || !created.TryGetDateTimeOffset(out var createdAt)) throw new InvalidDataException($"status {uri} has no created_at");
        if (!status.TryGetProperty("account", out var account) || account.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"status {uri} has no account");
        string? repostOf = null;
        var content = status;
        if (status.TryGetProperty("reblog", out var reblog) && reblog.ValueKind == JsonValueKind.Object)
        {
            repostOf = Str(reblog, "uri");
            content = reblog;
        }

        var spoiler = Str(content, "spoiler_text");
        var text = HtmlText.ToText(Str(content, "content"));
        if (!string.IsNullOrWhiteSpace(spoiler)) text = spoiler + "\n\n" + text;
        var acct = Str(account, "acct") ?? throw new InvalidDataException($"status {uri} has no account.acct");
        // Local accounts are "user" on their own instance; qualify them so handles are the same everywhere.
        var handle = acct.Contains('@') ? acct : acct + "@" + instanceHost;
        long? followers = account.TryGetProperty("followers_count", out var f) && f.TryGetInt64(out var n) ? n : null;
        return new Post(
            SourceName, uri, text, createdAt,
            new Author(Str(account, "url") ?? handle, handle, Str(account, "display_name"), followers),
            Url: Str(status, "url") ?? uri,
            Lang: Str(content, "language"),
            InReplyTo: Str(status, "in_reply_to_id"),
            RepostOf: repostOf);
    }

    private static string? Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
