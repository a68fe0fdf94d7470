using System.Globalization;
using System.Text.Json;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Hands out arrival numbers (what the alert engine resumes from) from one counter document in the state index,
/// advanced with optimistic concurrency (<c>if_seq_no</c> / <c>if_primary_term</c>), so two nodes never hand out the
/// same number and numbers only grow. A batch reserves a block before it is written.
/// The guarantee, and its limit: numbers are unique and increasing in reservation order; a writer sends its
/// batches one at a time, and the mentions data stream has one primary shard, so a refresh that makes a writer's
/// arrival N visible also shows its earlier ones. With several writing nodes a slower node's lower numbers can become
/// visible after a faster node's higher ones; consumers that need "never skip" run a single writer (the default
/// deployment) or re-read a window behind their position. Duplicates waste their reserved numbers (gaps are fine:
/// consumers read "after N", never "N+1").
/// </summary>
internal sealed class ArrivalCounter(ElasticsearchConnection connection, ElasticsearchIndexNames names, TimeProvider timeProvider)
{
    private const string DocumentId = "arrival";

    /// <summary>Reserves <paramref name="count"/> numbers; returns the first.</summary>
    public async Task<long> ReserveAsync(int count, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (current, seqNo, primaryTerm) = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var next = current + count;
            var body = $"{{\"counter\":{next},\"updatedAt\":\"{timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)}\"}}";
            var path = seqNo is null
                ? $"/{names.State}/_doc/{DocumentId}?op_type=create&refresh=true"
                : $"/{names.State}/_doc/{DocumentId}?if_seq_no={seqNo}&if_primary_term={primaryTerm}&refresh=true";
            var response = await connection.SendAsync(HttpMethod.PUT, path, body, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 409 && attempt < 100) continue; // another writer advanced it first
            ElasticsearchConnection.EnsureSuccess(response, "reserving arrival numbers");
            return current + 1;
        }
    }

    /// <summary>The newest number handed out, 0 before the first.</summary>
    public async Task<long> CurrentAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken).ConfigureAwait(false)).Value;

    private async Task<(long Value, long? SeqNo, long? PrimaryTerm)> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.GET, $"/{names.State}/_doc/{DocumentId}", (string?)null, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == 404) return (0, null, null);
        ElasticsearchConnection.EnsureSuccess(response, "reading the arrival counter");
        using var json = response.Json();
        var root = json.RootElement;
        if (!root.GetProperty("found").GetBoolean()) return (0, null, null);
        return (root.GetProperty("_source").GetProperty("counter").GetInt64(), root.GetProperty("_seq_no").GetInt64(),
            root.GetProperty("_primary_term").GetInt64());
    }
}
