using System.Numerics.Tensors;
using MentionWatch.Classification.Features;
using MentionWatch.Classification.Text;

namespace MentionWatch.Teacher;

/// <summary>
/// Builds a word lane (`MentionWatch.Classification.Training.WordLane`): a logistic regression over the sum of a post's
/// static MiniLM word vectors, whose logits split into one logit vector per word, written as TSV for `mentionwatch
/// train --lane`. A word is the sentiment model's own plain unigram (the tokenizer's normalized Latin word, not negated),
/// and the post's vector is that sum times the model's word-block feature value, so lane logits added to unigram weights
/// give exactly the lane model's logits at scoring time.
/// </summary>
/// <remarks>
/// Why static vectors: a sentence encoder scores 200 posts/s, a table lookup millions. Each word's vector is the
/// SIF-weighted sum of its word pieces' vectors (a / (a + piece frequency)), so frequent pieces ("##s", "the") weigh
/// little, and a word the labelled rows never contained still has a vector if the vocabulary texts contain it.
/// </remarks>
internal sealed class WordLaneBuilder(StaticTokenVectors vectors, FeatureSpec spec, float sif)
{
    /// <summary>A text's plain Latin words, one entry per occurrence, and the word-block feature value of its post.</summary>
    public (List<string> Words, float WordValue) WordsOf(string text)
    {
        var tokens = TokenBuffer.Current;
        var buckets = FeatureBuffers.Current;
        int n = FeatureBuffers.Featurize(text, spec, tokens, buckets);
        var (nw, nc) = spec.Counts(buckets.AsSpan(0, n));
        var words = new List<string>();
        for (int k = 0; k < tokens.TokenCount; k++)
        {
            ref readonly var t = ref tokens.Tokens[k];
            if (t.Kind != TokenKind.Word || (spec.Negation && t.Negated)) continue;
            var chars = tokens.TextOf(t);
            if (IsLatinWord(chars)) words.Add(chars.ToString());
        }
        return (words, spec.BlockValues(nw, nc).Word);
    }

    /// <summary>
    /// The vectors of the <paramref name="maxWords"/> most frequent words of <paramref name="corpus"/>; piece frequencies are
    /// counted over every occurrence. Why a cap: the lane's words share the model's hashed buckets with every other
    /// feature, and logits added to a bucket land on whatever collides with it. 65,000 words in 2^18 buckets put a random
    /// lane logit on a quarter of all character n-grams (later period 0.630 -> 0.47); 5,000-15,000 cost almost nothing.
    /// </summary>
    public Dictionary<string, float[]> WordVectors(IEnumerable<List<string>> corpus, int maxWords, TextWriter progress)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var words in corpus)
            foreach (var w in words)
                occurrences[w] = occurrences.GetValueOrDefault(w) + 1;
        var pieces = occurrences.Keys.ToDictionary(w => w, vectors.Pieces, StringComparer.Ordinal);
        var kept = occurrences.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Take(maxWords).Select(o => o.Key).ToHashSet();
        var pieceCounts = new Dictionary<int, long>();
        long total = 0;
        foreach (var (w, count) in occurrences)
            foreach (var p in pieces[w])
            {
                pieceCounts[p] = pieceCounts.GetValueOrDefault(p) + count;
                total += count;
            }
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (w, ids) in pieces)
        {
            if (!kept.Contains(w)) continue;
            var v = new float[vectors.Dimension];
            foreach (var p in ids)
            {
                float s = sif / (sif + (float)pieceCounts[p] / total);
                TensorPrimitives.MultiplyAdd(vectors.Table[p], s, v, v);
            }
            result[w] = v;
        }
        progress.WriteLine($"lane vocabulary: the {result.Count:N0} most frequent of {occurrences.Count:N0} words, {pieceCounts.Count:N0} word pieces");
        return result;
    }

    /// <summary>The post vector: word value × the sum of its vocabulary words' vectors (unknown words add nothing, as at scoring time).</summary>
    public static float[] PostVector((List<string> Words, float WordValue) post, Dictionary<string, float[]> vocabulary, int dimension)
    {
        var x = new float[dimension];
        foreach (var w in post.Words)
            if (vocabulary.TryGetValue(w, out var v)) TensorPrimitives.Add(x, v, x);
        TensorPrimitives.Multiply(x, post.WordValue, x);
        return x;
    }

    // English words only: the encoder is English, and a Cyrillic word's pieces are mostly single letters.
    private static bool IsLatinWord(ReadOnlySpan<char> chars)
    {
        bool latin = false;
        foreach (char c in chars)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') latin = true;
            else if (char.IsLetter(c)) return false;
        }
        return latin;
    }
}
