using System.Text;
using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// A mention validated and turned into its index rows before the write lock is taken, so that tokenizing runs
/// on the caller's thread (in parallel with another batch being written) and a bad mention fails the call
/// before any transaction starts.
/// </summary>
internal sealed record PreparedMention(Mention Mention, string Body, string Tags, string Handles, string Meta, string Watches, string BrandOf)
    : PreparedMentionWrite(Mention)
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

    /// <summary>One mention, on the caller's thread (the pipeline prepares each post of a batch on its own).</summary>
    public static PreparedMention Prepare(Mention mention)
    {
        Validate(mention, index: null);
        var builders = t_builders ??= new Builders();
        return Of(mention, builders);
    }

    // The pipeline calls Prepare once per post from whichever pool thread classifies it: one set of builders per
    // thread instead of four new ones per post.
    [ThreadStatic] private static Builders? t_builders;

    private sealed class Builders
    {
        public readonly StringBuilder Body = new(), Tags = new(), Handles = new(), Meta = new();
    }

    private static PreparedMention Of(Mention mention, Builders b)
    {
        var (body, tags, handles) = FtsDocument.Text(mention.Post.Text, b.Body, b.Tags, b.Handles);
        return new PreparedMention(mention, body, tags, handles, FtsDocument.Meta(mention, b.Meta),
            string.Join(SqliteMentionWriter.ListSeparator, mention.Watches),
            string.Join(SqliteMentionWriter.ListSeparator, mention.BrandPostOf));
    }

    private static void PrepareRange(IReadOnlyList<Mention> mentions, PreparedMention[] prepared, int from, int to)
    {
        var builders = new Builders();
        for (var i = from; i < to; i++) prepared[i] = Of(mentions[i], builders);
    }

    private static void Validate(Mention? mention, int? index)
    {
        // The store-neutral rules, plus SQLite's own: the list separator cannot appear in a watch name.
        var problem = MentionValidation.Problem(mention)
            ?? (mention!.Watches.Any(w => w.Contains(SqliteMentionWriter.ListSeparator)) ? "has an empty or invalid watch name" : null);
        if (problem is not null) throw new ArgumentException(index is null ? $"the mention {problem}" : $"mention at index {index} {problem}", nameof(mention));
    }
}
