using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MentionWatch.Server.Api;

/// <summary>
/// Splits an ingest body into items and deserializes each on its own, so one malformed item is rejected by its
/// index while the others are kept. A body that is not a JSON array (or NDJSON) at all fails as a whole.
/// </summary>
internal static class IngestBodyReader
{
    public sealed record Item(int Index, IngestPostDto? Post, string? Error);

    /// <summary>
    /// A whole body in an array rented from the shared pool; dispose it once parsed (the items hold strings of
    /// their own, never the bytes).
    /// </summary>
    public sealed class Body : IDisposable
    {
        private byte[]? _rented;

        internal Body(byte[] rented, int length) => (_rented, Length) = (rented, length);

        public int Length { get; }

        public ReadOnlyMemory<byte> Bytes => (_rented ?? throw new ObjectDisposedException(nameof(Body))).AsMemory(0, Length);

        public void Dispose()
        {
            if (_rented is { } rented) ArrayPool<byte>.Shared.Return(rented);
            _rented = null;
        }
    }

    public static async Task<Body> ReadAllAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                // Rented, not allocated: a 1,000-post body is some hundreds of KB, a large-object-heap array per
                // request, and those allocations ran the server's background (gen 2) collections during ingest.
                var length = checked((int)read.Buffer.Length);
                var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                read.Buffer.CopyTo(bytes);
                body.AdvanceTo(read.Buffer.End);
                return new Body(bytes, length);
            }
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Items of a JSON array; throws <see cref="JsonException"/> when the body is not one.</summary>
    public static List<Item> ParseArray(ReadOnlyMemory<byte> body, JsonSerializerOptions options)
    {
        var slices = new List<Range>();
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
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
    public static List<Item> ParseNdjson(ReadOnlyMemory<byte> body, JsonSerializerOptions options)
    {
        var slices = new List<Range>();
        var offset = 0;
        while (offset < body.Length)
        {
            var end = body.Span[offset..].IndexOf((byte)'\n');
            var next = end < 0 ? body.Length : offset + end + 1;
            var line = (end < 0 ? body.Span[offset..] : body.Span.Slice(offset, end)).TrimEnd((byte)'\r');
            if (!line.Trim((byte)' ').IsEmpty) slices.Add(offset..(offset + line.Length));
            offset = next;
        }
        return DeserializeAll(body, slices, options);
    }

    /// <summary>Bodies with at least this many items are deserialized on several threads.</summary>
    private const int ParallelFrom = 256;

    private static List<Item> DeserializeAll(ReadOnlyMemory<byte> body, List<Range> slices, JsonSerializerOptions options)
    {
        // Reading, parsing and answering the request took about an eighth of a 1,000-post batch's acknowledgement time,
        // on one core (ingest-latency benchmark, docs/benchmarks.md); items are independent, so a large body is split
        // across the cores.
        var items = new Item[slices.Count];
        // Looked up once per body, not once per item. Options not used yet get the default resolver and are frozen,
        // as the serializer's first call does to them.
        if (!options.IsReadOnly) options.MakeReadOnly(populateMissingResolver: true);
        var typeInfo = (JsonTypeInfo<IngestPostDto>)options.GetTypeInfo(typeof(IngestPostDto));
        void Range(int from, int to)
        {
            var span = body.Span;
            for (var i = from; i < to; i++) items[i] = Deserialize(i, span[slices[i]], typeInfo);
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

    private static Item Deserialize(int index, ReadOnlySpan<byte> json, JsonTypeInfo<IngestPostDto> typeInfo)
    {
        try
        {
            var post = JsonSerializer.Deserialize(json, typeInfo);
            return post is null ? new Item(index, null, "The item is null.") : new Item(index, post, null);
        }
        catch (JsonException ex)
        {
            return new Item(index, null, JsonBody.Describe(ex, json));
        }
    }
}
