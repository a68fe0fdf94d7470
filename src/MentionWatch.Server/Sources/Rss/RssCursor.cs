using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Server.Sources.Rss;

/// <summary>
/// Where polling of one feed resumes, stored as <c>rss:{url}</c> with the items it produced: the validators for a
/// conditional GET (ETag, Last-Modified) and the ids of the items already submitted, so unchanged items are not sent
/// through the pipeline again when a server ignores conditional requests.
/// </summary>
internal sealed record RssCursor(string? ETag, string? LastModified, IReadOnlyList<string> Seen)
{
    /// <summary>Ids remembered; feeds carry their newest few dozen items, so this covers many feed generations.</summary>
    public const int MaxSeen = 1_000;

    public static readonly RssCursor Empty = new(null, null, []);

    public static RssCursor Parse(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? Empty
            : JsonSerializer.Deserialize(value, RssJsonContext.Default.RssCursor) ?? throw new FormatException($"RSS cursor '{value}' is not a cursor object");

    /// <summary>The cursor after a fetch that returned <paramref name="ids"/> (newest first in the feed).</summary>
    public RssCursor After(string? etag, string? lastModified, IEnumerable<string> ids) =>
        new(etag, lastModified, ids.Concat(Seen).Distinct(StringComparer.Ordinal).Take(MaxSeen).ToList());

    public override string ToString() => JsonSerializer.Serialize(this, RssJsonContext.Default.RssCursor);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RssCursor))]
internal sealed partial class RssJsonContext : JsonSerializerContext;
