using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace MentionWatch.Server.Api;

/// <summary>
/// Splits an ingest body into items and deserializes each on its own, so one malformed item is rejected by its
/// index while the others are kept. A body that is not a JSON array (or NDJSON) at all fails as a whole.
/// </summary>
internal static class IngestBodyReader
{
    public sealed record Item(int Index, IngestPostDto? Post, string? Error);

    public static async Task<byte[]> ReadAllAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                body.AdvanceTo(read.Buffer.End);
                return bytes;
            }
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Items of a JSON array; throws <see cref="JsonException"/> when the body is not one.</summary>
    public static List<Item> ParseArray(byte[] body, JsonSerializerOptions options)
    {
        var items = new List<Item>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("The body must be a JSON array of posts, or NDJSON sent as application/x-ndjson.");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var slice = body.AsSpan(start, (int)reader.BytesConsumed - start);
            items.Add(Deserialize(items.Count, slice, options));
        }
        if (reader.Read()) throw new JsonException("Unexpected content after the end of the JSON array.");
        return items;
    }

    /// <summary>One item per non-blank line; a line that is not valid JSON is rejected by its index.</summary>
    public static List<Item> ParseNdjson(byte[] body, JsonSerializerOptions options)
    {
        var items = new List<Item>();
        var rest = body.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            line = line.TrimEnd((byte)'\r');
            if (line.Trim((byte)' ').IsEmpty) continue;
            items.Add(Deserialize(items.Count, line, options));
        }
        return items;
    }

    private static Item Deserialize(int index, ReadOnlySpan<byte> json, JsonSerializerOptions options)
    {
        try
        {
            var post = JsonSerializer.Deserialize<IngestPostDto>(json, options);
            return post is null ? new Item(index, null, "The item is null.") : new Item(index, post, null);
        }
        catch (JsonException ex)
        {
            return new Item(index, null, JsonBody.Describe(ex, json));
        }
    }
}
