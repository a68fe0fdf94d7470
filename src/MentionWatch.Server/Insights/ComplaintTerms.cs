using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Ru;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Server.Insights;

/// <summary>
/// The words a complaint-terms query never reports, the same on every store (<see cref="Core.Storage.IComplaintTermsQuery"/>):
/// stop words (English and Russian, Lucene's lists, and a few more), link words, and the watch's own query terms and
/// handles, which every mention of the watch shares.
/// </summary>
internal static class ComplaintTerms
{
    private static readonly string[] LinkWords = ["http", "https", "www", "com", "co", "ru", "html", "amp"];

    // Lucene's English list is short (33 words); these carry no complaint either and would otherwise top every list.
    private static readonly string[] Common =
    [
        "the", "and", "you", "your", "my", "our", "for", "with", "this", "that", "have", "has", "had", "was", "were", "are", "is", "it's", "its", "just",
        "from", "they", "them", "what", "when", "why", "how", "can", "could", "would", "should", "will", "been", "about", "all", "any", "some", "get", "got",
        "again", "still", "even", "only", "very", "too", "also", "one", "out", "now", "today", "что", "это", "как", "уже", "ещё", "еще", "так", "вот",
    ];

    /// <summary>Stop and link words, folded as the query language folds words.</summary>
    public static IReadOnlySet<string> StopWords { get; } = BuildStopWords();

    /// <summary>Everything to leave out for these watches: the stop words and each watch's words.</summary>
    public static IReadOnlySet<string> Excluded(IEnumerable<Watch> watches)
    {
        var words = new HashSet<string>(StopWords, StringComparer.Ordinal);
        foreach (var watch in watches) words.UnionWith(WatchWords(watch));
        return words;
    }

    /// <summary>Words of the watch's query and own handles, which every mention shares.</summary>
    public static IReadOnlyCollection<string> WatchWords(Watch? watch)
    {
        if (watch is null) return [];
        var words = new HashSet<string>(TextNormalizer.Tokenize(watch.Query).Words, StringComparer.Ordinal);
        foreach (var handle in watch.OwnHandles) words.UnionWith(TextNormalizer.Tokenize(handle).Words);
        return words;
    }

    private static HashSet<string> BuildStopWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in new[] { EnglishAnalyzer.DefaultStopSet, RussianAnalyzer.DefaultStopSet })
            foreach (var word in set)
                words.Add(word);
        words.UnionWith(LinkWords);
        words.UnionWith(Common);
        return words;
    }
}
