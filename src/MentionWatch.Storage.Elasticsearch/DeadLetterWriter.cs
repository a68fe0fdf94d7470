using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Keeps documents the cluster refused (document_parsing_exception, ...) in the dead-letter index with the reason and
/// the document itself, so one bad post never blocks the batch and can be inspected or re-sent. The _id is the
/// mention's, so a post refused twice is kept once.
/// </summary>
internal sealed class DeadLetterWriter(ElasticsearchConnection connection, ElasticsearchIndexNames names, TimeProvider timeProvider)
{
    public async Task WriteAsync(IReadOnlyList<PendingDocument> documents, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var now = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        foreach (var document in documents)
        {
            using (var json = new Utf8JsonWriter(buffer, MentionDocument.WriterOptions))
            {
                json.WriteStartObject();
                json.WriteStartObject("index");
                json.WriteString("_index", names.DeadLetters);
                json.WriteString("_id", document.DocumentId);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            buffer.Write("\n"u8);
            using (var json = new Utf8JsonWriter(buffer, MentionDocument.WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("@timestamp", now);
                json.WriteString("source", document.Source);
                json.WriteString("externalId", document.ExternalId);
                json.WriteString("errorType", document.ErrorType ?? "unknown");
                json.WriteString("reason", document.ErrorReason ?? "");
                json.WriteString("document", Encoding.UTF8.GetString(document.Body!));
                json.WriteEndObject();
            }
            buffer.Write("\n"u8);
        }
        var response = await connection.SendAsync(HttpMethod.POST, "/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason",
            buffer.WrittenMemory, cancellationToken, ndjson: true).ConfigureAwait(false);
        ElasticsearchConnection.EnsureSuccess(response, "writing refused mentions to the dead-letter index");
        using var result = response.Json();
        if (result.RootElement.TryGetProperty("errors", out var errors) && errors.GetBoolean())
            throw new ElasticsearchStoreException($"the dead-letter index {names.DeadLetters} refused some of {documents.Count} documents");
    }
}
