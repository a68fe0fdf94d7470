using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Raw logits (outputs per row) of held-out rows, each scored by a model that never trained on it, with the rows'
/// labels and bias rows: all that bias tuning and temperature calibration read. Scores from several hold-out models
/// can be pooled, so one set of offsets is tuned on more rows than any single hold-out has.
/// </summary>
internal sealed record HoldoutScores(float[] Logits, int[] Labels, byte[] BiasRows, int Outputs)
{
    public int Count => Labels.Length;

    /// <summary>Scores every row of <paramref name="holdout"/> with <paramref name="model"/> (stacked sentiment included).</summary>
    public static HoldoutScores Score(LinearModel model, FeaturizedSet holdout)
    {
        int o = model.Outputs;
        var logits = new float[holdout.Count * o];
        for (int i = 0; i < holdout.Count; i++)
            model.Logits(holdout.Features(i), holdout.BiasRows[i], logits.AsSpan(i * o, o), holdout.SentimentOf(i));
        return new HoldoutScores(logits, (int[])holdout.Labels.Clone(), (byte[])holdout.BiasRows.Clone(), o);
    }

    /// <summary>The parts' rows one after another, in the order given (so the pooled result does not depend on thread timing).</summary>
    public static HoldoutScores Pool(IReadOnlyList<HoldoutScores> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to pool");
        int o = parts[0].Outputs;
        if (parts.Any(p => p.Outputs != o)) throw new ArgumentException("hold-out scores with different output counts cannot be pooled");
        return new HoldoutScores([.. parts.SelectMany(p => p.Logits)], [.. parts.SelectMany(p => p.Labels)], [.. parts.SelectMany(p => p.BiasRows)], o);
    }

    /// <summary>The same rows with <paramref name="offsets"/> (bias rows × outputs) added, as if the models' biases had them.</summary>
    public HoldoutScores WithOffsets(float[] offsets)
    {
        var shifted = (float[])Logits.Clone();
        for (int i = 0; i < Count; i++)
            for (int k = 0; k < Outputs; k++) shifted[i * Outputs + k] += offsets[BiasRows[i] * Outputs + k];
        return this with { Logits = shifted };
    }
}
