using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Trend and share-of-voice queries, answered from the hourly and daily rollup tables only.</summary>
internal static class SqliteTrendQueries
{
    public const int MaxBuckets = 10_000;

    public static TrendResult Trends(SqliteConnection connection, TrendRequest request)
    {
        var size = request.Interval == TrendInterval.Hour ? 3600L : 86400L;
        var first = FloorDiv(request.From.ToUnixTimeSeconds(), size);
        var end = CeilDiv(request.To.ToUnixTimeSeconds(), size);
        if (end <= first) return new TrendResult([]);
        if (end - first > MaxBuckets)
            throw new ArgumentException(
                $"the period from {request.From:O} to {request.To:O} has {end - first} {request.Interval.ToString().ToLowerInvariant()} buckets; at most {MaxBuckets} are allowed",
                nameof(request));

        var counts = new Dictionary<string, long>[end - first];
        var totals = new long[end - first];
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT bucket, key, count FROM {Table(request.Interval)} " +
                "WHERE watch = $watch AND dim = $dim AND bucket >= $first AND bucket < $end";
            command.Parameters.AddWithValue("$watch", request.Watch ?? RollupAccumulator.AllWatches);
            command.Parameters.AddWithValue("$dim", Dim(request.GroupBy));
            command.Parameters.AddWithValue("$first", first);
            command.Parameters.AddWithValue("$end", end);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var index = reader.GetInt64(0) - first;
                var bucket = counts[index] ??= new Dictionary<string, long>(StringComparer.Ordinal);
                var count = reader.GetInt64(2);
                bucket[reader.GetString(1)] = count;
                totals[index] += count;
            }
        }

        var buckets = new TrendBucket[end - first];
        for (var i = 0; i < buckets.Length; i++)
            buckets[i] = new TrendBucket(DateTimeOffset.FromUnixTimeSeconds((first + i) * size), totals[i],
                (IReadOnlyDictionary<string, long>?)counts[i] ?? new Dictionary<string, long>());
        return new TrendResult(buckets);
    }

    public static IReadOnlyList<WatchVolume> Volume(SqliteConnection connection, IReadOnlyList<string> watches, DateTimeOffset? from, DateTimeOffset? to)
    {
        var result = watches.Distinct(StringComparer.Ordinal)
            .ToDictionary(w => w, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
        if (result.Count == 0) return [];
        using var command = connection.CreateCommand();
        var names = result.Keys.Select((w, i) =>
        {
            command.Parameters.AddWithValue("$w" + i, w);
            return "$w" + i;
        }).ToList();
        // Whole days when unbounded; otherwise hours, so the period is honoured to the hour.
        var table = from is null && to is null ? "rollup_day" : "rollup_hour";
        command.CommandText =
            $"SELECT watch, key, sum(count) FROM {table} WHERE dim = $dim AND watch IN ({string.Join(", ", names)})" +
            (from is null ? "" : " AND bucket >= $from") + (to is null ? "" : " AND bucket < $to") +
            " GROUP BY watch, key";
        command.Parameters.AddWithValue("$dim", RollupAccumulator.SentimentDim);
        if (from is { } f) command.Parameters.AddWithValue("$from", FloorDiv(f.ToUnixTimeSeconds(), 3600));
        if (to is { } t) command.Parameters.AddWithValue("$to", CeilDiv(t.ToUnixTimeSeconds(), 3600));
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                result[reader.GetString(0)][reader.GetString(1)] = reader.GetInt64(2);
        return watches.Distinct(StringComparer.Ordinal)
            .Select(w => new WatchVolume(w, result[w].Values.Sum(), result[w]))
            .ToList();
    }

    private static string Table(TrendInterval interval) => interval == TrendInterval.Hour ? "rollup_hour" : "rollup_day";

    private static string Dim(TrendGroupBy groupBy) => groupBy switch
    {
        TrendGroupBy.Sentiment => RollupAccumulator.SentimentDim,
        TrendGroupBy.Source => RollupAccumulator.SourceDim,
        TrendGroupBy.Lang => RollupAccumulator.LangDim,
        TrendGroupBy.NeedsReply => RollupAccumulator.ReplyDim,
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Unknown trend grouping."),
    };

    private static long FloorDiv(long value, long size) => value >= 0 ? value / size : -((-value + size - 1) / size);
    private static long CeilDiv(long value, long size) => -FloorDiv(-value, size);
}
