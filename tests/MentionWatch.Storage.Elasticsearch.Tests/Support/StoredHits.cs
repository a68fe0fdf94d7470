using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>
/// Mention documents as a search with <c>seq_no_primary_term</c> or a real-time GET returns them: in the data stream's
/// backing index, with the version numbers a conditional write must quote.
/// </summary>
public static class StoredHits
{
    public const string BackingIndex = ".ds-mentionwatch-mentions-2026.03.10-000001";

    public static JsonObject Source(Mention mention, long id, Action<JsonObject>? change = null)
    {
        var source = JsonNode.Parse(SearchHits.Source(mention, id))!.AsObject();
        change?.Invoke(source);
        return source;
    }

    public static string Hit(JsonObject source, long seqNo) =>
        new JsonObject
        {
            ["_index"] = BackingIndex, ["_id"] = "doc-" + source["id"], ["_seq_no"] = seqNo, ["_primary_term"] = 1, ["_score"] = null,
            ["_source"] = source.DeepClone(),
        }.ToJsonString();

    public static string Search(params string[] hits) =>
        """{"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"max_score":null,"hits":[""" + string.Join(",", hits) + "]}}";

    public static string Get(JsonObject source, long seqNo, string? documentId = null) =>
        new JsonObject
        {
            ["_index"] = BackingIndex, ["_id"] = documentId ?? "doc-" + source["id"], ["_version"] = seqNo + 1, ["_seq_no"] = seqNo, ["_primary_term"] = 1, ["found"] = true,
            ["_source"] = source.DeepClone(),
        }.ToJsonString();

    public static string Written(long seqNo) =>
        $$"""{"_index":"{{BackingIndex}}","_id":"x","_version":{{seqNo + 1}},"result":"updated","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":{{seqNo}},"_primary_term":1}""";

    public const string Conflict =
        """{"error":{"root_cause":[{"type":"version_conflict_engine_exception","reason":"[doc]: version conflict, required seqNo [7], primary term [1]. current document has seqNo [9] and primary term [1]"}],"type":"version_conflict_engine_exception","reason":"[doc]: version conflict, required seqNo [7], primary term [1]. current document has seqNo [9] and primary term [1]"},"status":409}""";
}
