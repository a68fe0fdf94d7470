using System.Text;
using System.Text.Json;
using MentionWatch.Core.Domain;

namespace MentionWatch.Storage.Elasticsearch.Tests.Support;

/// <summary>_search responses shaped like Elasticsearch's: hits with _index, _id, _source and sort values.</summary>
public static class SearchHits
{
    public static string Response(IEnumerable<(Mention Mention, long Id)> hits, string? pitId = null, bool withShardDoc = false)
    {
        var items = hits.Select((h, i) =>
        {
            var sort = withShardDoc ? $"[{h.Mention.Post.CreatedAt.ToUnixTimeMilliseconds()},{h.Id},{i}]" : $"[{h.Mention.Post.CreatedAt.ToUnixTimeMilliseconds()},{h.Id}]";
            return $"{{\"_index\":\".ds-mentionwatch-mentions-2026.03.10-000001\",\"_id\":\"d{h.Id}\",\"_score\":null,\"_source\":{Source(h.Mention, h.Id)},\"sort\":{sort}}}";
        });
        var pit = pitId is null ? "" : $"\"pit_id\":\"{pitId}\",";
        return $"{{{pit}\"took\":3,\"timed_out\":false,\"_shards\":{{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0}},\"hits\":{{\"max_score\":null,\"hits\":[{string.Join(",", items)}]}}}}";
    }

    public static string Source(Mention mention, long id)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, MentionDocument.WriterOptions)) MentionDocument.Write(json, mention, id, id);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
