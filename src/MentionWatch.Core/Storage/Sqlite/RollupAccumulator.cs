using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Sums a batch's trend counts in memory before they reach the rollup tables, so a batch costs one upsert per
/// (table, watch, dimension, bucket, key) instead of several per mention. Watch "" is the all-mentions row.
/// </summary>
internal sealed class RollupAccumulator
{
    public const string AllWatches = "";
    public const string SentimentDim = "sentiment";
    public const string SourceDim = "source";
    public const string LangDim = "lang";
    /// <summary>Needs-reply mentions only (key "1"), for alert baselines; the other mentions are the sentiment total minus these.</summary>
    public const string ReplyDim = "reply";
    public const int HourTable = 0;
    public const int DayTable = 1;

    private readonly Dictionary<(int Table, string Watch, string Dim, long Bucket, string Key), long> _counts = [];

    public void Add(Mention mention)
    {
        var seconds = mention.Post.CreatedAt.ToUnixTimeSeconds();
        var hour = Math.DivRem(seconds, 3600, out var r) - (r < 0 ? 1 : 0);
        var day = Math.DivRem(seconds, 86400, out r) - (r < 0 ? 1 : 0);
        Add(AllWatches, mention, hour, day);
        foreach (var watch in mention.Watches) Add(watch, mention, hour, day);
    }

    /// <summary>Counts (or, with <paramref name="delta"/> -1, uncounts) one mention for one watch only: a watch re-tagging stored mentions.</summary>
    public void AddForWatch(string watch, Mention mention, int delta)
    {
        var seconds = mention.Post.CreatedAt.ToUnixTimeSeconds();
        var hour = Math.DivRem(seconds, 3600, out var r) - (r < 0 ? 1 : 0);
        var day = Math.DivRem(seconds, 86400, out r) - (r < 0 ? 1 : 0);
        Add(watch, mention, hour, day, delta);
    }

    private void Add(string watch, Mention mention, long hour, long day, int delta = 1)
    {
        Add(watch, SentimentDim, mention.Sentiment.Label, hour, day, delta);
        Add(watch, SourceDim, mention.Post.Source, hour, day, delta);
        Add(watch, LangDim, mention.Lang, hour, day, delta);
        if (mention.NeedsReply.Value) Add(watch, ReplyDim, "1", hour, day, delta);
    }

    private void Add(string watch, string dim, string key, long hour, long day, int delta)
    {
        Increment((HourTable, watch, dim, hour, key), delta);
        Increment((DayTable, watch, dim, day, key), delta);
    }

    private void Increment((int, string, string, long, string) key, int delta) =>
        _counts[key] = _counts.GetValueOrDefault(key) + delta;

    public IEnumerable<(int Table, string Watch, string Dim, long Bucket, string Key, long Count)> Rows() =>
        _counts.Select(kv => (kv.Key.Table, kv.Key.Watch, kv.Key.Dim, kv.Key.Bucket, kv.Key.Key, kv.Value));
}
