using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Shifts each language's bias row so that argmax decisions maximize a macro metric on held-out rows
/// (grid search over offsets relative to the middle class, or the single logit for two labels).
/// Balanced class weights already aim at balanced recall; this corrects what the loss cannot see.
/// </summary>
internal static class BiasTuner
{
    private const float Range = 1.5f;
    private const float Step = 0.05f;

    /// <summary>Returns the offsets (bias rows × outputs) that maximize <paramref name="metric"/> on <paramref name="holdout"/>.</summary>
    public static float[] Tune(LinearModel model, FeaturizedSet holdout, Func<EvaluationReport, double> metric) =>
        Tune(HoldoutScores.Score(model, holdout), model.Labels, model.Biases.Length, metric);

    /// <summary>
    /// Returns the offsets (<paramref name="biasLength"/> = bias rows × outputs) that maximize <paramref name="metric"/> on
    /// scored hold-out rows, which may come from several hold-out models (<see cref="HoldoutScores.Pool"/>).
    /// </summary>
    public static float[] Tune(HoldoutScores scores, string[] labelNames, int biasLength, Func<EvaluationReport, double> metric)
    {
        int o = scores.Outputs, labels = labelNames.Length;
        var offsets = new float[biasLength];
        var logits = scores.Logits;
        // Allocated once, outside the loop: a stackalloc per row would grow the stack with every row (CA2014).
        Span<float> shift = stackalloc float[o];
        for (int row = 0; row < biasLength / o; row++)
        {
            var members = Enumerable.Range(0, scores.Count).Where(i => scores.BiasRows[i] == row).ToArray();
            if (members.Length < 50) continue;
            var gold = members.Select(i => scores.Labels[i]).ToArray();
            var predicted = new int[members.Length];
            double best = double.NegativeInfinity;
            int steps = (int)MathF.Round(2 * Range / Step);
            for (int a = 0; a <= steps; a++)
                for (int b = 0; b <= (o == 3 ? steps : 0); b++)
                {
                    shift.Clear();
                    shift[0] = -Range + a * Step;
                    if (o == 3) shift[2] = -Range + b * Step;
                    for (int j = 0; j < members.Length; j++) predicted[j] = Decide(logits.AsSpan(members[j] * o, o), shift, labels);
                    double value = metric(EvaluationReport.From(labelNames, gold, predicted));
                    // Ties go to the smallest shift so an uninformative holdout leaves the model alone.
                    if (value > best + 1e-9 || (Math.Abs(value - best) <= 1e-9 && Norm(shift) < Norm(offsets.AsSpan(row * o, o))))
                    {
                        best = value;
                        shift.CopyTo(offsets.AsSpan(row * o, o));
                    }
                }
        }
        return offsets;
    }

    private static float Norm(ReadOnlySpan<float> v)
    {
        float s = 0;
        foreach (float x in v) s += MathF.Abs(x);
        return s;
    }

    private static int Decide(ReadOnlySpan<float> logits, ReadOnlySpan<float> shift, int labels)
    {
        if (labels == 2) return logits[0] + shift[0] > 0 ? 1 : 0;
        int best = 0;
        for (int k = 1; k < labels; k++) if (logits[k] + shift[k] > logits[best] + shift[best]) best = k;
        return best;
    }

    /// <summary>
    /// Holds out a stratified fraction of the main rows, trains on the rest, finds bias offsets on the
    /// held-out rows, and adds them to the full model's biases, so validation files stay untouched. Rows from index
    /// <paramref name="mainRows"/> on are extra data: always trained on, never held out. With <see cref="BiasTuning.Pooled"/>
    /// the held-out rows are every ensemble member's own fold instead (<see cref="PooledBiasTuning"/>); the offsets and
    /// the temperature are found the same way on either.
    /// </summary>
    public static void TuneOnHoldout(LinearModel model, FeaturizedSet data, int mainRows, TrainingOptions options, BiasTuning tuning,
        CancellationToken cancellationToken = default)
    {
        if (tuning.Pooled && PooledBiasTuning.Problem(options, tuning) is { } problem) throw new ArgumentException(problem);
        var metadata = model.Metadata;
        var scores = tuning.Pooled
            ? PooledBiasTuning.ScoreMemberHoldouts(data, mainRows, metadata, options, tuning.Folds, cancellationToken)
            : ScoreHoldout(data, mainRows, metadata, options, tuning.Folds);
        var offsets = tuning.Metric is null ? new float[model.Biases.Length] : Tune(scores, metadata.Labels, model.Biases.Length, Metric(tuning.Metric));
        for (int k = 0; k < offsets.Length; k++) model.Biases[k] += offsets[k];
        metadata.Trainer["holdoutFolds"] = tuning.Folds;
        if (tuning.Pooled) metadata.Trainer["pooledBias"] = 1;
        for (int k = 0; k < offsets.Length; k++) metadata.Trainer[$"biasOffset[{k}]"] = Math.Round(offsets[k], 3);
        if (tuning.Calibrate)
        {
            metadata.Temperature = Calibration.FitTemperature(scores.WithOffsets(offsets), metadata.Labels.Length);
            metadata.Trainer["temperature"] = Math.Round(metadata.Temperature, 3);
        }
    }

    /// <summary>Fold 0 of the main rows scored by a model trained like the full one on everything else.</summary>
    private static HoldoutScores ScoreHoldout(FeaturizedSet data, int mainRows, ModelMetadata metadata, TrainingOptions options, int folds)
    {
        var main = Enumerable.Range(0, mainRows).ToArray();
        var fold = CrossValidation.AssignFolds(main.Select(i => data.Labels[i]).ToArray(), metadata.Labels.Length, folds, options.Seed + 17);
        var holdoutIdx = main.Where(i => fold[i] == 0).ToList();
        var trainIdx = Enumerable.Range(0, data.Count).Where(i => i >= mainRows || fold[i] != 0).ToList();
        var partial = Trainer.Train(data.Subset(trainIdx), new ModelMetadata { Task = metadata.Task, Labels = metadata.Labels }, options);
        return HoldoutScores.Score(partial, data.Subset(holdoutIdx));
    }

    /// <summary>The metric named on the command line.</summary>
    public static Func<EvaluationReport, double> Metric(string name) => name switch
    {
        "macroRecall" => r => r.MacroRecall,
        "macroF1" => r => r.MacroF1,
        "f1Positive" => r => r.Classes[r.Labels[^1]].F1,
        _ => throw new ArgumentException($"unknown tuning metric '{name}' (macroRecall, macroF1 or f1Positive)"),
    };
}
