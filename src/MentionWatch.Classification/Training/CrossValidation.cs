namespace MentionWatch.Classification.Training;

/// <summary>Pooled out-of-fold report, the per-fold reports, and each row's out-of-fold prediction and label probabilities (labels per row).</summary>
internal sealed record CrossValidationResult(EvaluationReport Pooled, IReadOnlyList<EvaluationReport> Folds, int ExtraRows, int[] Predicted, float[] Probabilities);

/// <summary>
/// Stratified k-fold cross-validation. Extra rows (other files) join every training fold and never a
/// test fold; extra rows whose text also occurs in the evaluated file are dropped so nothing leaks.
/// </summary>
internal static class CrossValidation
{
    public static CrossValidationResult Run(string task, IReadOnlyList<LabeledText> rows, IReadOnlyList<LabeledText> extra,
        int folds, TrainingOptions options, float extraWeight = 1f, Model.LinearModel? stackOn = null, BiasTuning? tuning = null,
        CancellationToken cancellationToken = default)
    {
        if (folds < 2 || folds > rows.Count) throw new ArgumentException($"--folds must be between 2 and the row count ({rows.Count}), got {folds}");
        var labels = Tasks.LabelsOf(task);
        var data = FeaturizedSet.Build(rows, options.Features);
        if (stackOn is not null) data.WithSentiment(stackOn);
        var seen = new HashSet<string>(rows.Select(r => r.Text.Trim()));
        var extraRows = extra.Where(r => !seen.Contains(r.Text.Trim())).ToList();
        var extraSet = extraRows.Count > 0 ? FeaturizedSet.Build(extraRows, options.Features, extraWeight) : null;
        if (stackOn is not null) extraSet?.WithSentiment(stackOn);
        var fold = AssignFolds(data.Labels, labels.Length, folds, options.Seed);
        var predicted = new int[rows.Count];
        var probabilities = new float[rows.Count * labels.Length];
        var reports = new List<EvaluationReport>();
        for (int f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainIdx = new List<int>();
            var testIdx = new List<int>();
            for (int i = 0; i < fold.Length; i++) (fold[i] == f ? testIdx : trainIdx).Add(i);
            var train = data.Subset(trainIdx);
            if (extraSet is not null) train = FeaturizedSet.Concat(train, extraSet);
            var metadata = new Model.ModelMetadata { Task = task, Labels = labels };
            var model = Trainer.Train(train, metadata, options);
            if (tuning is not null) BiasTuner.TuneOnHoldout(model, train, trainIdx.Count, options, tuning, cancellationToken);
            var test = data.Subset(testIdx);
            var foldProbabilities = new float[testIdx.Count * labels.Length];
            var foldPredictions = Evaluator.Predict(model, test, foldProbabilities);
            for (int j = 0; j < testIdx.Count; j++)
            {
                predicted[testIdx[j]] = foldPredictions[j];
                foldProbabilities.AsSpan(j * labels.Length, labels.Length).CopyTo(probabilities.AsSpan(testIdx[j] * labels.Length));
            }
            reports.Add(EvaluationReport.From(labels, test.Labels, foldPredictions));
        }
        return new CrossValidationResult(EvaluationReport.From(labels, data.Labels, predicted), reports, extraRows.Count, predicted, probabilities);
    }

    /// <summary>Each label's rows are shuffled with the seed and dealt round-robin, so folds keep the label balance.</summary>
    internal static int[] AssignFolds(int[] labels, int labelCount, int folds, int seed)
    {
        var fold = new int[labels.Length];
        var random = new Random(seed);
        int dealt = 0;
        for (int k = 0; k < labelCount; k++)
        {
            var members = new List<int>();
            for (int i = 0; i < labels.Length; i++) if (labels[i] == k) members.Add(i);
            var shuffled = members.ToArray();
            random.Shuffle(shuffled);
            foreach (int i in shuffled) fold[i] = dealt++ % folds;
        }
        return fold;
    }
}
