using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>A stored document of the loopback cluster, with Elasticsearch's optimistic-concurrency numbers.</summary>
public sealed record FakeDocument(string Index, string Id, JsonObject Source, long SeqNo, long Version);

/// <summary>One acknowledged write, in the order the loopback cluster acknowledged them.</summary>
public sealed record FakeWrite(long Sequence, string Index, string Id, JsonObject Source);

/// <summary>
/// The loopback cluster's data: indices (a data stream is one index here) of documents by _id, with create and
/// compare-and-set semantics, and the log of every acknowledged write. All access is under one lock.
/// </summary>
public sealed class FakeClusterState
{
    private readonly Dictionary<string, Dictionary<string, FakeDocument>> _indices = new(StringComparer.Ordinal);
    private readonly List<FakeWrite> _writes = [];
    private long _seqNo;

    public object Gate { get; } = new();
    public Dictionary<string, JsonNode> Templates { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonNode> Policies { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<FakeWrite> Writes { get { lock (Gate) return _writes.ToList(); } }

    public IReadOnlyList<FakeDocument> Documents(string index)
    {
        lock (Gate) return _indices.TryGetValue(index, out var docs) ? docs.Values.ToList() : [];
    }

    /// <summary>True when it was created; false when it existed.</summary>
    public bool CreateIndex(string index)
    {
        lock (Gate) return _indices.TryAdd(index, new Dictionary<string, FakeDocument>(StringComparer.Ordinal));
    }

    /// <summary>Drops an index and its documents, as <c>DELETE /index</c> does.</summary>
    public bool DeleteIndex(string index)
    {
        lock (Gate) return _indices.Remove(index);
    }

    public IReadOnlyList<string> IndexNames()
    {
        lock (Gate) return _indices.Keys.ToList();
    }

    public bool IndexExists(string index)
    {
        lock (Gate) return _indices.ContainsKey(index);
    }

    public FakeDocument? Get(string index, string id)
    {
        lock (Gate) return _indices.TryGetValue(index, out var docs) && docs.TryGetValue(id, out var doc) ? doc : null;
    }

    /// <summary>
    /// Writes like Elasticsearch: <paramref name="create"/> refuses an existing id (409); <paramref name="ifSeqNo"/>
    /// refuses a document changed since (409). Returns the HTTP status and the stored document.
    /// </summary>
    public (int Status, FakeDocument? Document) Put(string index, string id, JsonObject source, bool create, long? ifSeqNo = null)
    {
        lock (Gate)
        {
            if (!_indices.TryGetValue(index, out var docs)) _indices[index] = docs = new Dictionary<string, FakeDocument>(StringComparer.Ordinal);
            docs.TryGetValue(id, out var existing);
            if (create && existing is not null) return (409, existing);
            if (ifSeqNo is { } expected && existing?.SeqNo != expected) return (409, existing);
            var document = new FakeDocument(index, id, source, _seqNo++, (existing?.Version ?? 0) + 1);
            docs[id] = document;
            _writes.Add(new FakeWrite(_writes.Count, index, id, source));
            return (existing is null ? 201 : 200, document);
        }
    }

    public bool Delete(string index, string id)
    {
        lock (Gate) return _indices.TryGetValue(index, out var docs) && docs.Remove(id);
    }
}
