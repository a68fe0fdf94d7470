using System.Globalization;
using System.Text.Json;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Sources.Bluesky;

/// <summary>
/// Jetstream's JSON events: <c>{did, time_us, kind, commit: {operation, collection, rkey, record}}</c>. Only
/// created posts become posts; every event carries the <c>time_us</c> cursor.
/// </summary>
internal static class JetstreamEvents
{
    public const string PostCollection = "app.bsky.feed.post";

    /// <summary>The event's cursor and, for a created post, the post. Throws <see cref="JsonException"/> or <see cref="InvalidDataException"/> on a malformed event.</summary>
    public static (long TimeUs, Post? Post, (string Did, string Handle)? Identity) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("the event is not a JSON object");
        if (!root.TryGetProperty("time_us", out var timeUs) || !timeUs.TryGetInt64(out var cursor)) throw new InvalidDataException("the event has no time_us");
        // Identity events come whatever the wanted collections are: a handle learned for free.
        if (Str(root, "kind") == "identity" && root.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object
            && Str(identity, "did") is { } who && Str(identity, "handle") is { } handle)
            return (cursor, null, (who, handle));
        if (Str(root, "kind") != "commit" || !root.TryGetProperty("commit", out var commit) || commit.ValueKind != JsonValueKind.Object) return (cursor, null, null);
        if (Str(commit, "operation") != "create" || Str(commit, "collection") != PostCollection) return (cursor, null, null);
        var did = Str(root, "did") ?? throw new InvalidDataException("the commit has no did");
        var rkey = Str(commit, "rkey") ?? throw new InvalidDataException("the commit has no rkey");
        if (!commit.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object) throw new InvalidDataException("the commit has no record");
        var post = ToPost(did, PostCollection, rkey, record, DateTimeOffset.FromUnixTimeMilliseconds(cursor / 1000), handle: null, name: null);
        return (cursor, post, null);
    }

    /// <summary>A post record (Jetstream or searchPosts) as a post; its id is the record's at:// URI.</summary>
    public static Post ToPost(string did, string collection, string rkey, JsonElement record, DateTimeOffset fallbackTime, string? handle, string? name)
    {
        var text = Str(record, "text") ?? "";
        var createdAt = DateTimeOffset.TryParse(Str(record, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : fallbackTime;
        string? lang = record.TryGetProperty("langs", out var langs) && langs.ValueKind == JsonValueKind.Array && langs.GetArrayLength() > 0
            ? langs[0].GetString()
            : null;
        string? parent = record.TryGetProperty("reply", out var reply) && reply.ValueKind == JsonValueKind.Object
            && reply.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.Object ? Str(p, "uri") : null;
        return new Post(
            BlueskyJetstreamSource.SourceName,
            $"at://{did}/{collection}/{rkey}",
            text,
            createdAt,
            new Author(did, handle ?? did, name),
            Url: $"https://bsky.app/profile/{handle ?? did}/post/{rkey}",
            Lang: lang,
            InReplyTo: parent);
    }

    private static string? Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
