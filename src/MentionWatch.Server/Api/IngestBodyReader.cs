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
        var slices = new List<Range>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("The body must be a JSON array of posts, or NDJSON sent as application/x-ndjson.");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            slices.Add(start..(int)reader.BytesConsumed);
        }
        if (reader.Read()) throw new JsonException("Unexpected content after the end of the JSON array.");
        return DeserializeAll(body, slices, options);
    }

    /// <summary>One item per non-blank line; a line that is not valid JSON is rejected by its index.</summary>
    public static List<Item> ParseNdjson(byte[] body, JsonSerializerOptions options)
    {
        var slices = new List<Range>();
        var offset = 0;
        while (offset < body.Length)
        {
            var end = body.AsSpan(offset).IndexOf((byte)'\n');
            var next = end < 0 ? body.Length : offset + end + 1;
            var line = (end < 0 ? body.AsSpan(offset) : body.AsSpan(offset, end)).TrimEnd((byte)'\r');
            if (!line.Trim((byte)' ').IsEmpty) slices.Add(offset..(offset + line.Length));
            offset = next;
        }
        return DeserializeAll(body, slices, options);
    }

    /// <summary>Bodies with at least this many items are deserialized on several threads.</summary>
    private const int ParallelFrom = 256;

    private static List<Item> DeserializeAll(byte[] body, List<Range> slices, JsonSerializerOptions options)
    {
        // Reading, parsing and answering the request took about an eighth of a 1,000-post batch's acknowledgement time,
        // on one core (ingest-latency benchmark, docs/benchmarks.md); items are independent, so a large body is split
        // across the cores.
        var items = new Item[slices.Count];
        void Range(int from, int to)
        {
            for (var i = from; i < to; i++) items[i] = Deserialize(i, body.AsSpan(slices[i]), options);
        }
        if (slices.Count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            Range(0, slices.Count);
        }
        else
        {
            var parts = Environment.ProcessorCount;
            var chunk = (slices.Count + parts - 1) / parts;
            Parallel.For(0, parts, p => Range(p * chunk, Math.Min(slices.Count, (p + 1) * chunk)));
        }
        return [.. items];
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
