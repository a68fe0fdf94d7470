using System.Text;
using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// A mention validated and turned into its index rows before the write lock is taken, so that tokenizing runs
/// on the caller's thread (in parallel with another batch being written) and a bad mention fails the call
/// before any transaction starts.
/// </summary>
internal sealed record PreparedMention(Mention Mention, string Body, string Tags, string Handles, string Meta, string Watches, string BrandOf)
{
    /// <summary>Batches at least this large are prepared on several threads.</summary>
    private const int ParallelFrom = 256;

    public static PreparedMention[] Prepare(IReadOnlyList<Mention> mentions)
    {
        var prepared = new PreparedMention[mentions.Count];
        for (var i = 0; i < mentions.Count; i++) Validate(mentions[i], i);
        // Tokenizing is about a tenth of a 1,000-post batch's store time, all of it before the transaction (measured
        // with Core.Bench, docs/benchmarks.md); each mention's rows depend on that mention alone, so a large batch is
        // split across the cores.
        if (mentions.Count < ParallelFrom)
        {
            PrepareRange(mentions, prepared, 0, mentions.Count);
            return prepared;
        }
        var chunk = (mentions.Count + Environment.ProcessorCount - 1) / Environment.ProcessorCount;
        Parallel.For(0, Environment.ProcessorCount, c => PrepareRange(mentions, prepared, c * chunk, Math.Min(mentions.Count, (c + 1) * chunk)));
        return prepared;
    }

    private static void PrepareRange(IReadOnlyList<Mention> mentions, PreparedMention[] prepared, int from, int to)
    {
        StringBuilder body = new(), tags = new(), handles = new(), meta = new();
        for (var i = from; i < to; i++)
        {
            var mention = mentions[i];
            var (b, t, h) = FtsDocument.Text(mention.Post.Text, body, tags, handles);
            prepared[i] = new PreparedMention(mention, b, t, h, FtsDocument.Meta(mention, meta),
                string.Join(SqliteMentionWriter.ListSeparator, mention.Watches),
                string.Join(SqliteMentionWriter.ListSeparator, mention.BrandPostOf));
        }
    }

    private static void Validate(Mention? mention, int index)
    {
        // The store-neutral rules, plus SQLite's own: the list separator cannot appear in a watch name.
        var problem = MentionValidation.Problem(mention)
            ?? (mention!.Watches.Any(w => w.Contains(SqliteMentionWriter.ListSeparator)) ? "has an empty or invalid watch name" : null);
        if (problem is not null) throw new ArgumentException($"mention at index {index} {problem}", nameof(mention));
    }
}
