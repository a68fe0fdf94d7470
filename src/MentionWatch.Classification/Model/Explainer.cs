using MentionWatch.Classification.Features;
using MentionWatch.Classification.Language;
using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Model;

/// <summary>A feature's readable name and how much it pushed the predicted label's logit.</summary>
internal sealed record FeatureContribution(string Feature, float Contribution);

/// <summary>Prediction of one model with its most influential features.</summary>
internal sealed record Explanation(string Language, string Label, float[] Probabilities, IReadOnlyList<FeatureContribution> TopFeatures);

/// <summary>
/// Explain mode: featurizes again with a sink that keeps each feature's text. Slow and allocating on
/// purpose; the hot path never builds these strings.
/// </summary>
internal static class Explainer
{
    /// <param name="charNgramsByWord">name character n-grams by their whole word ("cw:working"), so one word's n-grams add up to one reason.</param>
    public static Explanation Explain(LinearModel model, string? text, int top, LinearModel? sentiment = null, bool charNgramsByWord = false)
    {
        var (features, language) = NamedFeatures(model.Spec, text, charNgramsByWord);
        var buckets = features.Select(f => f.Bucket).ToArray();
        Span<float> logits = stackalloc float[model.Outputs];
        int biasRow = LinearModel.BiasRow(language);
        var sentimentProbabilities = new float[3];
        if (model.StacksSentiment)
        {
            if (sentiment is null) throw new ArgumentException("this needs-reply model stacks on a sentiment model: pass the sentiment model too");
            Span<float> s = stackalloc float[3];
            sentiment.Logits(buckets, biasRow, s);
            LinearModel.Probabilities(s, 3, sentiment.Metadata.Temperature, sentimentProbabilities);
        }
        model.Logits(buckets, biasRow, logits, model.StacksSentiment ? sentimentProbabilities : default);
        var probs = new float[model.Labels.Length];
        LinearModel.Probabilities(logits, model.Labels.Length, model.Metadata.Temperature, probs);
        int best = Training.Evaluator.ArgMax(probs);
        var (nw, nc) = model.Spec.Counts(buckets);
        var (wordValue, charValue) = model.Spec.BlockValues(nw, nc);
        var contributions = new Dictionary<string, float>();
        foreach (var (encoded, name) in features)
        {
            if (!model.Spec.Decode(encoded, out int bucket, out bool isChar)) continue;
            float c = Push(model, bucket, best) * (isChar ? charValue : wordValue);
            contributions[name] = contributions.GetValueOrDefault(name) + c;
        }
        if (model.StacksSentiment)
        {
            float stacked = LinearModel.StackTerm(model.Metadata.SentimentStackWeights, biasRow, sentimentProbabilities);
            contributions["<sentiment stack>"] = best == 1 ? stacked : -stacked;
        }
        var topFeatures = contributions.OrderByDescending(kv => kv.Value).Take(top)
            .Select(kv => new FeatureContribution(kv.Key, kv.Value)).ToList();
        return new Explanation(language, model.Labels[best], probs, topFeatures);
    }

    /// <summary>Every feature of a text with its readable name, in the order the hot path produces them.</summary>
    public static (List<(int Bucket, string Name)> Features, string Language) NamedFeatures(FeatureSpec spec, string? text, bool charNgramsByWord = false)
    {
        var tokens = new TokenBuffer();
        Tokenizer.Tokenize(text, tokens);
        var sink = new NamingSink([], charNgramsByWord);
        Featurizer.Extract(spec, tokens, ref sink);
        return (sink.Features, LanguageIdentifier.Decide(tokens));
    }

    /// <summary>How much a bucket raises label <paramref name="label"/> against the others.</summary>
    private static float Push(LinearModel model, int bucket, int label)
    {
        var w = model.Weights;
        if (model.Outputs == 1) return label == 1 ? w[bucket] : -w[bucket];
        int o = model.Outputs;
        float mean = 0;
        for (int k = 0; k < o; k++) mean += w[bucket * o + k];
        return w[bucket * o + label] - mean / o;
    }

    private struct NamingSink(List<(int Bucket, string Name)> features, bool charNgramsByWord) : IFeatureSink
    {
        public readonly List<(int Bucket, string Name)> Features = features;
        private readonly bool byWord = charNgramsByWord;

        public bool Add(int bucket, FeatureKind kind, TokenBuffer buffer, int tokenIndex, int charOffset, int charLength)
        {
            string name = byWord && kind == FeatureKind.CharNgram ? "cw:" + buffer.TextOf(buffer.Tokens[tokenIndex]).ToString() : Name(kind, buffer, tokenIndex, charOffset, charLength);
            Features.Add((FeatureSpec.Encode(bucket, kind), name));
            return Features.Count < FeatureBuffers.Capacity;
        }

        private static string Name(FeatureKind kind, TokenBuffer buffer, int tokenIndex, int charOffset, int charLength)
        {
            string Token(int k) => k < 0 ? "</s>" : SpecialTokens.Display(buffer.TextOf(buffer.Tokens[k]));
            return kind switch
            {
                FeatureKind.Word => "w:" + Token(tokenIndex),
                FeatureKind.NegatedWord => "w:NOT_" + Token(tokenIndex),
                FeatureKind.Bigram => "b:" + Previous(buffer, tokenIndex) + " " + Token(tokenIndex),
                FeatureKind.Elongated => "<elongated>",
                FeatureKind.Handle => "h:" + SpecialTokens.Handle(buffer.TextOf(buffer.Tokens[tokenIndex])),
                FeatureKind.Lexicon => "lex:" + Token(tokenIndex),
                FeatureKind.Stem => "s:" + RussianStem.Of(buffer.TextOf(buffer.Tokens[tokenIndex])).ToString(),
                _ => "c:" + CharNgram(buffer, tokenIndex, charOffset, charLength),
            };
        }

        private static string Previous(TokenBuffer buffer, int tokenIndex)
        {
            int k = tokenIndex < 0 ? buffer.TokenCount - 1 : tokenIndex - 1;
            if (k < 0) return "<s>";
            var t = buffer.Tokens[k];
            return t.Kind == TokenKind.Break ? "<break>" : SpecialTokens.Display(buffer.TextOf(t));
        }

        private static string CharNgram(TokenBuffer buffer, int tokenIndex, int charOffset, int charLength)
        {
            var t = buffer.Tokens[tokenIndex];
            string padded = "<" + buffer.TextOf(t).ToString() + ">";
            return padded.Substring(charOffset - t.Start + 1, charLength);
        }
    }
}
