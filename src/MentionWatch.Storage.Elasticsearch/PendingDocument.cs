namespace MentionWatch.Storage.Elasticsearch;

/// <summary>The outcome of one mention in a bulk write.</summary>
internal enum WriteOutcome { Pending, Created, Duplicate, DeadLettered }

/// <summary>One mention on its way into a bulk request: its identities, its serialized source and what became of it.</summary>
internal sealed class PendingDocument(int inputIndex, string documentId, long mentionId, string source, string externalId)
{
    public int InputIndex { get; } = inputIndex;
    public string DocumentId { get; } = documentId;
    public long MentionId { get; } = mentionId;
    public string Source { get; } = source;
    public string ExternalId { get; } = externalId;
    public long Arrival { get; set; }
    /// <summary>The backing index the cluster wrote it to (from the bulk item), once created.</summary>
    public string? Index { get; set; }
    /// <summary>UTF-8 JSON of the document; released once the outcome is known, so memory is bounded by one chunk.</summary>
    public byte[]? Body { get; set; }
    public WriteOutcome Outcome { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorReason { get; set; }
}
