using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Ru;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Insights;

/// <summary>A word that stands out in the negative mentions: in how many of them it appears, in how many of all, and its score.</summary>
internal sealed record ComplaintTerm(string Term, int Negative, int All, double Score, long ExampleMentionId);

internal sealed record ComplaintTermsResult(int NegativeMentions, int Mentions, bool Sampled, IReadOnlyList<ComplaintTerm> Terms);

/// <summary>
/// "What are people complaining about": the words that are much more common in a watch's negative mentions than in all
/// of its mentions over the same period, the question Elasticsearch's <c>significant_text</c> answers, computed here over
/// any store that can export. Both sides are the newest <see cref="MaxMentions"/> at most; each word counts once per
/// mention; the score is JLH (absolute change in share times relative change), so a word must be both frequent and
/// over-represented. Stop words (English and Russian, Lucene's lists), links, numbers, handles and the watch's own
/// query terms are left out: "acme" is in every mention of acme and says nothing about the complaint.
/// </summary>
internal static class ComplaintTerms
{
    public const int MaxMentions = 20_000;
    private const int MinNegativeMentions = 2;
    private static readonly HashSet<string> LinkWords = new(StringComparer.Ordinal) { "http", "https", "www", "com", "co", "ru", "html", "amp" };

    public static async Task<ComplaintTermsResult> FindAsync(MentionFilter filter, IReadOnlyCollection<string> excluded, int limit, IMentionStore store, CancellationToken cancellationToken)
    {
        var (negative, negativeCount, negativeSampled) = await CountAsync(store, filter with { Sentiment = "negative" }, excluded, cancellationToken);
        var (all, allCount, allSampled) = await CountAsync(store, filter, excluded, cancellationToken);
        if (negativeCount == 0 || allCount == 0) return new(negativeCount, allCount, negativeSampled || allSampled, []);

        var terms = new List<ComplaintTerm>();
        foreach (var (term, (count, example)) in negative)
        {
            if (count < MinNegativeMentions) continue;
            var foreground = (double)count / negativeCount;
            // The negative mentions are a subset of all; when the sample cut them apart, a word still counts in its own mention.
            var inAll = Math.Max(all.TryGetValue(term, out var a) ? a.Count : 0, count);
            var background = inAll / (double)Math.Max(allCount, negativeCount);
            if (foreground <= background) continue;
            terms.Add(new ComplaintTerm(term, count, inAll, Math.Round((foreground - background) * (foreground / background), 6), example));
        }

        return new(negativeCount, allCount, negativeSampled || allSampled,
            terms.OrderByDescending(t => t.Score).ThenByDescending(t => t.Negative).ThenBy(t => t.Term, StringComparer.Ordinal).Take(limit).ToList());
    }

    /// <summary>Words of the watch's query and own handles, which every mention shares.</summary>
    public static IReadOnlyCollection<string> WatchWords(Watch? watch)
    {
        if (watch is null) return [];
        var words = new HashSet<string>(TextNormalizer.Tokenize(watch.Query).Words, StringComparer.Ordinal);
        foreach (var handle in watch.OwnHandles) words.UnionWith(TextNormalizer.Tokenize(handle).Words);
        return words;
    }

    private static async Task<(Dictionary<string, (int Count, long Example)> Terms, int Mentions, bool Sampled)> CountAsync(
        IMentionStore store, MentionFilter filter, IReadOnlyCollection<string> excluded, CancellationToken cancellationToken)
    {
        var terms = new Dictionary<string, (int Count, long Example)>(StringComparer.Ordinal);
        var mentions = 0;
        await foreach (var mention in store.ExportAsync(filter, cancellationToken))
        {
            if (mentions == MaxMentions) return (terms, mentions, true);
            mentions++;
            foreach (var word in Words(mention.Post.Text, excluded))
                terms[word] = terms.TryGetValue(word, out var seen) ? (seen.Count + 1, seen.Example) : (1, mention.Id);
        }

        return (terms, mentions, false);
    }

    private static HashSet<string> Words(string text, IReadOnlyCollection<string> excluded)
    {
        var tokens = TextNormalizer.Tokenize(text);
        var handles = new HashSet<string>(tokens.Handles, StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in tokens.Words)
        {
            if (word.Length < 3 || handles.Contains(word) || excluded.Contains(word) || LinkWords.Contains(word) || word.All(char.IsDigit)) continue;
            if (EnglishAnalyzer.DefaultStopSet.Contains(word) || RussianAnalyzer.DefaultStopSet.Contains(word) || Common.Contains(word)) continue;
            words.Add(word);
        }

        return words;
    }

    // Lucene's English list is short (33 words); these carry no complaint either and would otherwise top every list.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "the", "and", "you", "your", "my", "our", "for", "with", "this", "that", "have", "has", "had", "was", "were", "are", "is", "it's", "its", "just",
        "from", "they", "them", "what", "when", "why", "how", "can", "could", "would", "should", "will", "been", "about", "all", "any", "some", "get", "got",
        "again", "still", "even", "only", "very", "too", "also", "one", "out", "now", "today", "что", "это", "как", "уже", "ещё", "еще", "так", "вот",
    };
}
