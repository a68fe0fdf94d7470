using System.Globalization;
using System.Text.Json;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Sources.Vk;

/// <summary>Maps <c>newsfeed.search</c> items (with <c>profiles</c>/<c>groups</c> from <c>extended=1</c>) to posts.</summary>
internal static class VkPosts
{
    public const string SourceName = "vk";

    public static VkPage Read(JsonElement page, JsonElement items)
    {
        var names = new Dictionary<long, (string Handle, string? Name)>();
        if (page.TryGetProperty("profiles", out var profiles) && profiles.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in profiles.EnumerateArray())
            {
                if (p.TryGetProperty("id", out var id) && id.TryGetInt64(out var n))
                {
                    names[n] = (Str(p, "screen_name") ?? "id" + n, $"{Str(p, "first_name")} {Str(p, "last_name")}".Trim());
                }
            }
        }

        if (page.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array)
        {
            foreach (var g in groups.EnumerateArray())
            {
                if (g.TryGetProperty("id", out var id) && id.TryGetInt64(out var n)) names[-n] = (Str(g, "screen_name") ?? "club" + n, Str(g, "name"));
            }
        }

        var posts = new List<Post>();
        var skipped = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (!Long(item, "id", out var id) || !Long(item, "owner_id", out var owner) || !Long(item, "date", out var date) || Str(item, "text") is not { Length: > 0 } text)
            {
                skipped++;
                continue;
            }

            var from = Long(item, "from_id", out var f) ? f : owner;
            var (handle, name) = names.TryGetValue(from, out var known) ? known : (from < 0 ? "club" + -from : "id" + from, null);
            var key = $"{owner.ToString(CultureInfo.InvariantCulture)}_{id.ToString(CultureInfo.InvariantCulture)}";
            string? repostOf = item.TryGetProperty("copy_history", out var copies) && copies.ValueKind == JsonValueKind.Array && copies.GetArrayLength() > 0
                && Long(copies[0], "id", out var cid) && Long(copies[0], "owner_id", out var cowner) ? $"{cowner}_{cid}" : null;
            posts.Add(new Post(SourceName, key, text, DateTimeOffset.FromUnixTimeSeconds(date), new Author(from.ToString(CultureInfo.InvariantCulture), handle, name),
                Url: $"https://vk.com/wall{key}", RepostOf: repostOf));
        }

        var next = page.TryGetProperty("next_from", out var nf) && nf.ValueKind == JsonValueKind.String && nf.GetString() is { Length: > 0 } s ? s : null;
        return new VkPage(posts, next, skipped);
    }

    private static bool Long(JsonElement e, string property, out long value)
    {
        value = 0;
        return e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out value);
    }

    private static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
