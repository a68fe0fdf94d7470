using System.Text.Json;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>How one item of a _bulk response is handled.</summary>
internal enum BulkItemVerdict { Created, Duplicate, Retry, DeadLetter }

/// <summary>Reads the per-item results of a _bulk response: every item carries its own status, the request's 200 says little.</summary>
internal static class BulkItemClassifier
{
    public static (BulkItemVerdict Verdict, string? ErrorType, string? Reason) Classify(JsonElement item)
    {
        // Each item is {"create": {...}} (or "index" for the dead-letter and cursor writes).
        using var properties = item.EnumerateObject();
        properties.MoveNext();
        var result = properties.Current.Value;
        var status = result.GetProperty("status").GetInt32();
        string? type = null, reason = null;
        if (result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            type = error.TryGetProperty("type", out var t) ? t.GetString() : null;
            reason = error.TryGetProperty("reason", out var r) ? r.GetString() : null;
        }
        if (status is >= 200 and < 300) return (BulkItemVerdict.Created, null, null);
        if (status == 409 || type == "version_conflict_engine_exception") return (BulkItemVerdict.Duplicate, type, reason);
        // Back-pressure (a full write queue) and shards briefly unavailable pass; everything else is about the document.
        if (status == 429 || status >= 500 || type == "es_rejected_execution_exception") return (BulkItemVerdict.Retry, type, reason);
        return (BulkItemVerdict.DeadLetter, type, reason);
    }
}
