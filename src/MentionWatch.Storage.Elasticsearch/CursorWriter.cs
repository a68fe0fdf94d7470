using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Source cursors, one document per source key in the cursors index. Written only by the store after the mentions a
/// batch produced are acknowledged, which is the whole guarantee a non-transactional store can give: a cursor is
/// durable no earlier than its mentions, and a crash in between only sends those mentions again (idempotent).
/// </summary>
internal sealed class CursorWriter(ElasticsearchConnection connection, ElasticsearchIndexNames names, ElasticsearchStoreOptions options,
    TimeProvider timeProvider)
{
    public async Task WriteAsync(IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        // The last value per key wins, as in one SQLite transaction.
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cursor in cursors) latest[cursor.SourceKey] = cursor.Value;
        var buffer = new ArrayBufferWriter<byte>();
        var now = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        foreach (var (key, value) in latest)
        {
            using (var json = new Utf8JsonWriter(buffer, MentionDocument.WriterOptions))
            {
                json.WriteStartObject();
                json.WriteStartObject("index");
                json.WriteString("_index", names.Cursors);
                json.WriteString("_id", key);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            buffer.Write("\n"u8);
            using (var json = new Utf8JsonWriter(buffer, MentionDocument.WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("sourceKey", key);
                json.WriteString("value", value);
                json.WriteString("updatedAt", now);
                json.WriteEndObject();
            }
            buffer.Write("\n"u8);
        }
        var path = "/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason" + (options.WaitForRefresh ? "&refresh=wait_for" : "");
        var response = await connection.SendAsync(HttpMethod.POST, path, buffer.WrittenMemory, cancellationToken, ndjson: true).ConfigureAwait(false);
        ElasticsearchConnection.EnsureSuccess(response, "writing source cursors");
        using var result = response.Json();
        if (result.RootElement.TryGetProperty("errors", out var errors) && errors.GetBoolean())
            throw new ElasticsearchStoreException($"the cursors index {names.Cursors} refused some of {latest.Count} cursors");
    }

    /// <summary>A GET by id is real-time in Elasticsearch: a cursor is readable as soon as it was acknowledged.</summary>
    public async Task<string?> ReadAsync(string sourceKey, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.GET, $"/{names.Cursors}/_doc/{Uri.EscapeDataString(sourceKey)}", (string?)null,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404) return null;
        ElasticsearchConnection.EnsureSuccess(response, "reading a source cursor");
        using var json = response.Json();
        return json.RootElement.GetProperty("found").GetBoolean()
            ? json.RootElement.GetProperty("_source").GetProperty("value").GetString()
            : null;
    }
}
