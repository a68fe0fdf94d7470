using MentionWatch.Classification.Features;
using MentionWatch.Classification.Language;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Training;

/// <summary>Rows featurized once, so every epoch (and every fold) only reads bucket arrays.</summary>
internal sealed class FeaturizedSet
{
    private FeaturizedSet(FeatureSpec spec, int[] buckets, int[] offsets, int[] labels, byte[] biasRows, float[] rowWeights)
    {
        Spec = spec;
        RowWeights = rowWeights;
        Buckets = buckets;
        Offsets = offsets;
        Labels = labels;
        BiasRows = biasRows;
    }

    /// <summary>The featurization the buckets come from.</summary>
    public FeatureSpec Spec { get; }

    public int[] Buckets { get; }
    public int[] Offsets { get; }
    public int[] Labels { get; }
    public byte[] BiasRows { get; }

    /// <summary>How much each row counts in the loss (extra, weakly labelled rows count less).</summary>
    public float[] RowWeights { get; }

    /// <summary>
    /// Target distributions (one value per label per row; one-hot for a row with one label) when any row has soft
    /// targets, else null and <see cref="Labels"/> is every row's target.
    /// </summary>
    public float[]? Targets { get; private set; }

    /// <summary>Values per row in <see cref="Targets"/> (the label count), 0 when there are none.</summary>
    private int TargetWidth => Targets is null || Count == 0 ? 0 : Targets.Length / Count;

    public ReadOnlySpan<float> TargetsOf(int row) => Targets.AsSpan(row * TargetWidth, TargetWidth);

    /// <summary>Sentiment probabilities per row (3 per row) when training a stacked needs-reply model, else null.</summary>
    public float[]? Sentiment { get; private set; }

    public ReadOnlySpan<float> SentimentOf(int row) => Sentiment is null ? default : Sentiment.AsSpan(row * 3, 3);

    /// <summary>
    /// Fixed logits added to every row's score (outputs per row), or null: a per-watch adaptation trains a delta
    /// over the shipped model, whose logits for each row are this offset.
    /// </summary>
    public float[]? BaseLogits { get; private set; }

    /// <summary>Sets <see cref="BaseLogits"/> (outputs values per row).</summary>
    public FeaturizedSet WithBaseLogits(float[] baseLogits)
    {
        if (baseLogits.Length % Math.Max(1, Count) != 0) throw new ArgumentException($"{baseLogits.Length} base logits for {Count} rows");
        BaseLogits = baseLogits;
        return this;
    }

    /// <summary>Scores every row with a sentiment model so a needs-reply model can stack on it.</summary>
    /// <exception cref="ArgumentException">the sentiment model buckets posts differently: it would read the wrong weights, or past its table.</exception>
    public FeaturizedSet WithSentiment(Model.LinearModel sentiment)
    {
        if (sentiment.Spec.StackProblem(Spec) is { } mismatch) throw new ArgumentException($"--stack-sentiment: {mismatch}");
        var probs = new float[Count * 3];
        Span<float> logits = stackalloc float[3];
        for (int i = 0; i < Count; i++)
        {
            sentiment.Logits(Features(i), BiasRows[i], logits);
            Model.LinearModel.Probabilities(logits, 3, sentiment.Metadata.Temperature, probs.AsSpan(i * 3, 3));
        }
        Sentiment = probs;
        return this;
    }
    public int Count => Labels.Length;

    public ReadOnlySpan<int> Features(int row) => Buckets.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    public static FeaturizedSet Build(IReadOnlyList<LabeledText> rows, FeatureSpec spec, float rowWeight = 1f)
    {
        var all = new List<int>(rows.Count * 200);
        var offsets = new int[rows.Count + 1];
        var labels = new int[rows.Count];
        var biasRows = new byte[rows.Count];
        var tokens = TokenBuffer.Current;
        var buffer = FeatureBuffers.Current;
        for (int i = 0; i < rows.Count; i++)
        {
            int n = FeatureBuffers.Featurize(rows[i].Text, spec, tokens, buffer);
            biasRows[i] = (byte)LinearModel.BiasRow(LanguageIdentifier.Decide(tokens));
            labels[i] = rows[i].Label;
            all.AddRange(buffer.AsSpan(0, n));
            offsets[i + 1] = all.Count;
        }
        var weights = new float[rows.Count];
        for (int i = 0; i < rows.Count; i++) weights[i] = rowWeight * rows[i].Weight;
        var set = new FeaturizedSet(spec, all.ToArray(), offsets, labels, biasRows, weights);
        if (rows.FirstOrDefault(r => r.Targets is not null) is { Targets: { } first })
        {
            set.Targets = set.OneHot(first.Length);
            for (int i = 0; i < rows.Count; i++)
            {
                if (rows[i].Targets is not { } q) continue;
                if (q.Length != first.Length) throw new ArgumentException($"{rows[i].File}:{rows[i].Line}: {q.Length} targets where other rows have {first.Length}");
                q.CopyTo(set.Targets, i * first.Length);
            }
        }
        return set;
    }

    private float[] OneHot(int labelCount)
    {
        var targets = new float[Count * labelCount];
        for (int i = 0; i < Count; i++) targets[i * labelCount + Labels[i]] = 1f;
        return targets;
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order (for cross-validation folds).</summary>
    public FeaturizedSet Subset(IReadOnlyList<int> indices)
    {
        int total = 0;
        foreach (int i in indices) total += Offsets[i + 1] - Offsets[i];
        var buckets = new int[total];
        var offsets = new int[indices.Count + 1];
        var labels = new int[indices.Count];
        var biasRows = new byte[indices.Count];
        var weights = new float[indices.Count];
        for (int j = 0; j < indices.Count; j++)
        {
            int i = indices[j];
            Features(i).CopyTo(buckets.AsSpan(offsets[j]));
            offsets[j + 1] = offsets[j] + Offsets[i + 1] - Offsets[i];
            labels[j] = Labels[i];
            biasRows[j] = BiasRows[i];
            weights[j] = RowWeights[i];
        }
        var subset = new FeaturizedSet(Spec, buckets, offsets, labels, biasRows, weights);
        if (Targets is not null)
        {
            subset.Targets = new float[indices.Count * TargetWidth];
            for (int j = 0; j < indices.Count; j++) TargetsOf(indices[j]).CopyTo(subset.Targets.AsSpan(j * TargetWidth));
        }
        if (Sentiment is not null)
        {
            subset.Sentiment = new float[indices.Count * 3];
            for (int j = 0; j < indices.Count; j++) SentimentOf(indices[j]).CopyTo(subset.Sentiment.AsSpan(j * 3));
        }
        if (BaseLogits is not null)
        {
            int o = Count == 0 ? 0 : BaseLogits.Length / Count;
            subset.BaseLogits = new float[indices.Count * o];
            for (int j = 0; j < indices.Count; j++) BaseLogits.AsSpan(indices[j] * o, o).CopyTo(subset.BaseLogits.AsSpan(j * o));
        }
        return subset;
    }

    public static FeaturizedSet Concat(FeaturizedSet a, FeaturizedSet b)
    {
        var offsets = new int[a.Count + b.Count + 1];
        a.Offsets.CopyTo(offsets, 0);
        for (int i = 1; i <= b.Count; i++) offsets[a.Count + i] = a.Buckets.Length + b.Offsets[i];
        var joined = new FeaturizedSet(a.Spec, [.. a.Buckets, .. b.Buckets], offsets, [.. a.Labels, .. b.Labels], [.. a.BiasRows, .. b.BiasRows], [.. a.RowWeights, .. b.RowWeights]);
        if (a.Targets is not null || b.Targets is not null)
        {
            int k = Math.Max(a.TargetWidth, b.TargetWidth);
            joined.Targets = [.. a.Targets ?? a.OneHot(k), .. b.Targets ?? b.OneHot(k)];
        }
        if (a.Sentiment is not null && b.Sentiment is not null) joined.Sentiment = [.. a.Sentiment, .. b.Sentiment];
        if (a.BaseLogits is not null && b.BaseLogits is not null) joined.BaseLogits = [.. a.BaseLogits, .. b.BaseLogits];
        return joined;
    }
}
