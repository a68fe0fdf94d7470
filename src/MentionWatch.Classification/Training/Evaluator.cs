using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>Predicts featurized rows with a model and scores the predictions.</summary>
internal static class Evaluator
{
    public static int[] Predict(LinearModel model, FeaturizedSet data) => Predict(model, data, null);

    /// <param name="probabilities">when given, receives each row's label probabilities (labels per row, row after row).</param>
    public static int[] Predict(LinearModel model, FeaturizedSet data, float[]? probabilities)
    {
        var predicted = new int[data.Count];
        Span<float> logits = stackalloc float[model.Outputs];
        Span<float> probs = stackalloc float[model.Labels.Length];
        for (int i = 0; i < data.Count; i++)
        {
            model.Logits(data.Features(i), data.BiasRows[i], logits, data.SentimentOf(i));
            LinearModel.Probabilities(logits, model.Labels.Length, 1f, probs);
            predicted[i] = ArgMax(probs);
            if (probabilities is not null) probs.CopyTo(probabilities.AsSpan(i * probs.Length));
        }
        return predicted;
    }

    public static EvaluationReport Evaluate(LinearModel model, FeaturizedSet data) =>
        EvaluationReport.From(model.Labels, data.Labels, Predict(model, data));

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }
}
