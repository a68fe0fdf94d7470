using MentionWatch.Core.Query;

namespace MentionWatch.Core.Storage;

/// <summary>
/// Complaint terms counted over any store that can export (the SQLite provider's): both sides are the newest
/// <see cref="ComplaintWords.MaxMentions"/> at most; each word counts once per mention; handles are left out.
/// </summary>
public sealed class ExportComplaintTerms(IMentionQueries store) : IComplaintTermsQuery
{
    public async Task<ComplaintTermsResult> ComplaintTermsAsync(ComplaintTermsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = request.Filter;
        var excluded = request.Excluded;
        var (negative, negativeCount, negativeSampled) = await CountAsync(filter with { Sentiment = "negative" }, excluded, cancellationToken).ConfigureAwait(false);
        var (all, allCount, allSampled) = await CountAsync(filter with { Sentiment = null }, excluded, cancellationToken).ConfigureAwait(false);
        if (negativeCount == 0 || allCount == 0) return new(negativeCount, allCount, negativeSampled || allSampled, []);

        var terms = new List<ComplaintTerm>();
        foreach (var (term, (count, example)) in negative)
        {
            if (count < ComplaintWords.MinNegativeMentions) continue;
            var foreground = (double)count / negativeCount;
            // The negative mentions are a subset of all; when the sample cut them apart, a word still counts in its own mention.
            var inAll = Math.Max(all.TryGetValue(term, out var a) ? a.Count : 0, count);
            var background = inAll / (double)Math.Max(allCount, negativeCount);
            if (foreground <= background) continue;
            terms.Add(new ComplaintTerm(term, count, inAll, ComplaintWords.Score(foreground, background), example));
        }

        return new(negativeCount, allCount, negativeSampled || allSampled, ComplaintWords.Rank(terms, request.Limit));
    }

    private async Task<(Dictionary<string, (int Count, long Example)> Terms, int Mentions, bool Sampled)> CountAsync(
        MentionFilter filter, IReadOnlySet<string> excluded, CancellationToken cancellationToken)
    {
        var terms = new Dictionary<string, (int Count, long Example)>(StringComparer.Ordinal);
        var mentions = 0;
        await foreach (var mention in store.ExportAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            if (mentions == ComplaintWords.MaxMentions) return (terms, mentions, true);
            mentions++;
            foreach (var word in Words(mention.Post.Text, excluded))
                terms[word] = terms.TryGetValue(word, out var seen) ? (seen.Count + 1, seen.Example) : (1, mention.Id);
        }

        return (terms, mentions, false);
    }

    private static HashSet<string> Words(string text, IReadOnlySet<string> excluded)
    {
        var tokens = TextNormalizer.Tokenize(text);
        var handles = new HashSet<string>(tokens.Handles, StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in tokens.Words)
            if (!handles.Contains(word) && ComplaintWords.IsCandidate(word, excluded)) words.Add(word);
        return words;
    }
}
