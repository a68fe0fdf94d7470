using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Temperature scaling: one scalar T dividing all logits, chosen to minimize the log loss on held-out
/// rows. Class weighting and L2 leave raw probabilities over- or under-confident; T fixes their sharpness
/// without changing any decision.
/// </summary>
internal static class Calibration
{
    public static float FitTemperature(LinearModel model, FeaturizedSet holdout) =>
        FitTemperature(HoldoutScores.Score(model, holdout), model.Labels.Length);

    /// <summary>The temperature for scored hold-out rows (offsets already in their logits), possibly pooled from several hold-out models.</summary>
    public static float FitTemperature(HoldoutScores holdout, int labels)
    {
        int o = holdout.Outputs;
        var logits = holdout.Logits;
        float best = 1f;
        double bestLoss = double.MaxValue;
        Span<float> p = stackalloc float[labels];
        for (float t = 0.25f; t <= 4f; t += 0.05f)
        {
            double loss = 0;
            for (int i = 0; i < holdout.Count; i++)
            {
                LinearModel.Probabilities(logits.AsSpan(i * o, o), labels, t, p);
                loss -= Math.Log(Math.Max(p[holdout.Labels[i]], 1e-7f));
            }
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = t;
            }
        }
        return MathF.Round(best, 2);
    }
}
