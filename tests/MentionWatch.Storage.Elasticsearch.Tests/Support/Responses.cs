namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>Response bodies shaped like the Elasticsearch reference's examples for each API the store calls.</summary>
public static class Responses
{
    /// <summary>GET / of a 9.x node.</summary>
    public const string RootInfo =
        """{"name":"node-1","cluster_name":"mentionwatch","cluster_uuid":"hTkN3X3dQzqg5CDxL1yFxw","version":{"number":"9.1.0","build_flavor":"default","build_type":"docker","build_hash":"abc","build_date":"2025-07-24T00:00:00.000Z","build_snapshot":false,"lucene_version":"10.2.2","minimum_wire_compatibility_version":"8.19.0","minimum_index_compatibility_version":"8.0.0"},"tagline":"You Know, for Search"}""";
    public const string Acknowledged = """{"acknowledged":true}""";
    public const string IndexCreated = """{"acknowledged":true,"shards_acknowledged":true,"index":"mentionwatch-watches"}""";
    public const string AlreadyExists =
        """{"error":{"root_cause":[{"type":"resource_already_exists_exception","reason":"index [x] already exists"}],"type":"resource_already_exists_exception","reason":"index [x] already exists"},"status":400}""";
    public const string CounterMissing = """{"_index":"mentionwatch-state","_id":"arrival","found":false}""";
    public const string CounterWritten = """{"_index":"mentionwatch-state","_id":"arrival","_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}""";
    public const string NoHits = """{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"hits":[]}}""";
    public const string EmptyFilteredSearch = "{}";
    public const string BulkNoErrors = """{"errors":false,"items":[{"index":{"status":201}}]}""";

    public static string Counter(long value, long seqNo) =>
        "{\"_index\":\"mentionwatch-state\",\"_id\":\"arrival\",\"_version\":" + (seqNo + 1) + ",\"_seq_no\":" + seqNo +
        ",\"_primary_term\":1,\"found\":true,\"_source\":{\"counter\":" + value + "}}";

    public static string BulkItems(params string[] items) => $$"""{"errors":true,"items":[{{string.Join(",", items)}}]}""";
    public const string ItemCreated = """{"create":{"status":201}}""";
    public const string ItemConflict =
        """{"create":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"[abc]: version conflict, document already exists (current version [1])"}}}""";
    public const string ItemRejected =
        """{"create":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=108, max_coordinating_and_primary_bytes=0]"}}}""";
    public const string ItemParseFailed =
        """{"create":{"status":400,"error":{"type":"document_parsing_exception","reason":"[1:73] failed to parse field [sentiment.negative] of type [float] in document with id 'x'"}}}""";
}
