namespace MentionWatch.Core.Storage;

/// <summary>
/// "What are people complaining about": the words much more common in the negative mentions matching a filter than in
/// all of them (the foreground is the filter with sentiment negative, the background the filter itself), scored by
/// JLH (absolute change in share times relative change), so a word must be both frequent and over-represented.
/// The SQLite provider counts over the store's export (<see cref="ExportComplaintTerms"/>); the Elasticsearch store
/// asks the cluster (<c>significant_text</c>). Both answer in the same shape.
/// </summary>
public interface IComplaintTermsQuery
{
    Task<ComplaintTermsResult> ComplaintTermsAsync(ComplaintTermsRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="Excluded"/> holds the folded words never to report: stop words, link words and the watch's own query
/// terms ("acme" is in every mention of acme and says nothing about the complaint). <see cref="Filter"/>'s
/// sentiment is ignored (the query sets it).
/// </summary>
public sealed record ComplaintTermsRequest(MentionFilter Filter, IReadOnlySet<string> Excluded, int Limit);

/// <summary>A word that stands out in the negative mentions: in how many of them it appears, in how many of all, and its score.</summary>
public sealed record ComplaintTerm(string Term, int Negative, int All, double Score, long ExampleMentionId);

/// <summary><see cref="Sampled"/> is true when only part of the mentions was read.</summary>
public sealed record ComplaintTermsResult(int NegativeMentions, int Mentions, bool Sampled, IReadOnlyList<ComplaintTerm> Terms);

/// <summary>The rules both implementations share.</summary>
public static class ComplaintWords
{
    /// <summary>Both sides are read up to this many mentions (the newest; on Elasticsearch the sample's size).</summary>
    public const int MaxMentions = 20_000;

    /// <summary>A word must appear in at least this many negative mentions.</summary>
    public const int MinNegativeMentions = 2;

    /// <summary>Short words and numbers carry no complaint; excluded words are the caller's.</summary>
    public static bool IsCandidate(string word, IReadOnlySet<string> excluded) =>
        word.Length >= 3 && !excluded.Contains(word) && !word.All(char.IsDigit);

    /// <summary>JLH, rounded so both stores report the same figure for the same counts.</summary>
    public static double Score(double foreground, double background) => Math.Round((foreground - background) * (foreground / background), 6);

    /// <summary>Best first: score, then how many negative mentions, then the word.</summary>
    public static IReadOnlyList<ComplaintTerm> Rank(IEnumerable<ComplaintTerm> terms, int limit) =>
        terms.OrderByDescending(t => t.Score).ThenByDescending(t => t.Negative).ThenBy(t => t.Term, StringComparer.Ordinal).Take(limit).ToList();
}
