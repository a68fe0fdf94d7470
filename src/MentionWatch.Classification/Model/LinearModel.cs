using MentionWatch.Classification.Features;
using MentionWatch.Classification.Language;

namespace MentionWatch.Classification.Model;

/// <summary>
/// A hashed linear classifier: one weight row per bucket, one bias row per language. Two labels use one
/// logistic output (label 1 vs label 0); more labels use a softmax over one output per label.
/// Feature values come from <see cref="FeatureSpec.BlockValues"/> (word and character blocks each of unit length).
/// Weights are stored as 8-bit integers with one scale per output.
/// </summary>
internal sealed class LinearModel
{
    public static readonly string[] BiasLanguages = [LanguageIdentifier.English, LanguageIdentifier.Russian];

    /// <summary>A model with 8-bit weights; <see cref="Weights"/> holds exactly the values they stand for.</summary>
    public LinearModel(ModelMetadata metadata, sbyte[] quantized, float[] scales, float[] biases)
    {
        Metadata = metadata;
        Outputs = OutputsFor(metadata.Labels.Length);
        Quantized = quantized;
        Scales = scales;
        Weights = WeightQuantizer.Dequantize(quantized, scales);
        Biases = biases;
    }

    /// <summary>Quantizes freshly trained float weights.</summary>
    public static LinearModel FromTrained(ModelMetadata metadata, float[] weights, float[] biases)
    {
        var (quantized, scales) = WeightQuantizer.Quantize(weights, OutputsFor(metadata.Labels.Length));
        return new LinearModel(metadata, quantized, scales, biases);
    }

    public ModelMetadata Metadata { get; }
    public FeatureSpec Spec => Metadata.Features;
    public string[] Labels => Metadata.Labels;
    public int Outputs { get; }
    public float[] Weights { get; }
    public sbyte[] Quantized { get; }
    public float[] Scales { get; }
    public float[] Biases { get; }

    public static int OutputsFor(int labelCount) => labelCount == 2 ? 1 : labelCount;

    /// <summary>Bias row for a detected language; "other" shares the English row (mostly Latin-script text).</summary>
    public static int BiasRow(string language) => language == LanguageIdentifier.Russian ? 1 : 0;

    /// <summary>True when the logit also takes the sentiment model's probabilities (needs-reply stacking).</summary>
    public bool StacksSentiment => Metadata.SentimentStackWeights.Length > 0;

    /// <summary>Raw logits (before temperature) for a set of buckets, plus stacked sentiment probabilities if any.</summary>
    public void Logits(ReadOnlySpan<int> buckets, int biasRow, Span<float> logits, ReadOnlySpan<float> sentiment = default)
    {
        int o = Outputs;
        logits[..o].Clear();
        var w = Weights;
        var spec = Spec;
        var (nw, nc) = spec.Counts(buckets);
        var (wordValue, charValue) = spec.BlockValues(nw, nc);
        foreach (int e in buckets)
        {
            if (!spec.Decode(e, out int bucket, out bool isChar)) continue;
            float v = isChar ? charValue : wordValue;
            int at = bucket * o;
            for (int k = 0; k < o; k++) logits[k] += w[at + k] * v;
        }
        for (int k = 0; k < o; k++) logits[k] += Biases[biasRow * o + k];
        if (StacksSentiment && o == 1 && sentiment.Length == 3)
            logits[0] += StackTerm(Metadata.SentimentStackWeights, biasRow, sentiment);
    }

    public static float StackTerm(float[] stackWeights, int biasRow, ReadOnlySpan<float> sentiment) =>
        stackWeights[biasRow * 3] * sentiment[0] + stackWeights[biasRow * 3 + 1] * sentiment[1] + stackWeights[biasRow * 3 + 2] * sentiment[2];

    /// <summary>Class probabilities from logits, temperature applied.</summary>
    public static void Probabilities(ReadOnlySpan<float> logits, int labelCount, float temperature, Span<float> probabilities)
    {
        if (labelCount == 2)
        {
            float p = 1f / (1f + MathF.Exp(-logits[0] / temperature));
            probabilities[0] = 1f - p;
            probabilities[1] = p;
            return;
        }
        float max = float.NegativeInfinity;
        for (int k = 0; k < labelCount; k++) max = MathF.Max(max, logits[k]);
        float sum = 0;
        for (int k = 0; k < labelCount; k++) sum += probabilities[k] = MathF.Exp((logits[k] - max) / temperature);
        for (int k = 0; k < labelCount; k++) probabilities[k] /= sum;
    }
}
