using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// One StoreAsync: drops in-batch twins, reserves arrival numbers, serializes and sends the mentions chunk by chunk
/// (each chunk first asks which of its ids older backing indices already hold, since a <c>create</c> conflict is only
/// detected inside the current write index), links brand replies to the mentions they answer (<see cref="ReplyLinker"/>),
/// and writes the cursors last, after every mention and link was acknowledged.
/// Batches are written one at a time per store so arrival numbers become visible in order (see <see cref="ArrivalCounter"/>).
/// </summary>
internal sealed class MentionBatchWriter(
    ElasticsearchConnection connection, ElasticsearchIndexNames names, ElasticsearchStoreOptions options, BulkMentionWriter bulk,
    ArrivalCounter arrivals, CursorWriter cursors, ElasticsearchStoreStatistics statistics, ReplyLinker replies) : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public async Task<StoreBatchResult> StoreAsync(IReadOnlyList<Mention> mentions, IReadOnlyList<SourceCursor> batchCursors, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var documents = Distinct(mentions);
            if (documents.Count > 0)
            {
                var first = await arrivals.ReserveAsync(documents.Count, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < documents.Count; i++) documents[i].Arrival = first + i;
                await WriteChunksAsync(mentions, documents, cancellationToken).ConfigureAwait(false);
                await LinkRepliesAsync(mentions, documents, cancellationToken).ConfigureAwait(false);
            }
            if (batchCursors.Count > 0) await cursors.WriteAsync(batchCursors, cancellationToken).ConfigureAwait(false);
            return Result(mentions.Count, documents);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Created and duplicate mentions both take part: a duplicate may be this batch sent again after a crash that came
    /// before its links were written, and linking again is a no-op when they were.
    /// </summary>
    private Task LinkRepliesAsync(IReadOnlyList<Mention> mentions, List<PendingDocument> documents, CancellationToken cancellationToken)
    {
        var stored = documents.Where(d => d.Outcome is WriteOutcome.Created or WriteOutcome.Duplicate).ToList();
        var batch = stored.Select(d => LinkSide.Of(d.MentionId, mentions[d.InputIndex])).ToList();
        var written = new Dictionary<long, (string Index, string DocumentId)>();
        foreach (var d in stored)
            if (d.Outcome == WriteOutcome.Created && d.Index is { } index) written[d.MentionId] = (index, d.DocumentId);
        return replies.LinkAsync(batch, written, cancellationToken);
    }

    private List<PendingDocument> Distinct(IReadOnlyList<Mention> mentions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<PendingDocument>(mentions.Count);
        for (var i = 0; i < mentions.Count; i++)
        {
            var post = mentions[i].Post;
            var (documentId, mentionId) = MentionKeys.For(post.Source, post.ExternalId);
            if (seen.Add(documentId)) documents.Add(new PendingDocument(i, documentId, mentionId, post.Source, post.ExternalId));
        }
        statistics.AddDuplicates(mentions.Count - documents.Count);
        return documents;
    }

    private async Task WriteChunksAsync(IReadOnlyList<Mention> mentions, List<PendingDocument> documents, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, MentionDocument.WriterOptions);
        var chunk = new List<PendingDocument>(Math.Min(options.BulkMaxDocs, documents.Count));
        var bytes = 0;
        foreach (var document in documents)
        {
            // Serialized only when its chunk is built, so a large batch never holds all its JSON at once.
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            MentionDocument.Write(json, mentions[document.InputIndex], document.MentionId, document.Arrival);
            json.Flush();
            document.Body = buffer.WrittenSpan.ToArray();
            var size = bulk.ItemBytes(document);
            if (chunk.Count > 0 && (chunk.Count >= options.BulkMaxDocs || bytes + size > options.BulkMaxBytes))
            {
                await WriteChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
                bytes = 0;
            }
            chunk.Add(document);
            bytes += size;
        }
        if (chunk.Count > 0) await WriteChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteChunkAsync(List<PendingDocument> chunk, CancellationToken cancellationToken)
    {
        var existing = await ExistingIdsAsync(chunk, cancellationToken).ConfigureAwait(false);
        foreach (var document in chunk)
            if (existing.Contains(document.DocumentId)) document.Outcome = WriteOutcome.Duplicate;
        await bulk.WriteChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HashSet<string>> ExistingIdsAsync(List<PendingDocument> chunk, CancellationToken cancellationToken)
    {
        var ids = new JsonArray(chunk.Select(d => (JsonNode)d.DocumentId).ToArray());
        var request = new JsonObject
        {
            ["size"] = chunk.Count,
            ["_source"] = false,
            ["track_total_hits"] = false,
            ["query"] = new JsonObject { ["ids"] = new JsonObject { ["values"] = ids } },
        };
        var response = await connection.SendAsync(HttpMethod.POST, $"/{names.Mentions}/_search?filter_path=hits.hits._id",
            IndexDefinitions.ToJson(request), cancellationToken).ConfigureAwait(false);
        ElasticsearchConnection.EnsureSuccess(response, "looking up already stored mentions");
        using var result = response.Json();
        var found = new HashSet<string>(StringComparer.Ordinal);
        // filter_path drops "hits" entirely when nothing matched.
        if (result.RootElement.TryGetProperty("hits", out var hits) && hits.TryGetProperty("hits", out var list))
            foreach (var hit in list.EnumerateArray()) found.Add(hit.GetProperty("_id").GetString()!);
        return found;
    }

    private static StoreBatchResult Result(int count, List<PendingDocument> documents)
    {
        var ids = new long?[count];
        var arrivalNumbers = new long[count];
        foreach (var document in documents)
        {
            if (document.Outcome != WriteOutcome.Created) continue;
            ids[document.InputIndex] = document.MentionId;
            arrivalNumbers[document.InputIndex] = document.Arrival;
        }
        return new StoreBatchResult(ids, arrivalNumbers);
    }

    public void Dispose() => _writeLock.Dispose();
}
