using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Adaptation;

/// <summary>
/// Trains a per-watch adaptation from that watch's corrections: for each task, the existing AdaGrad trainer learns a
/// delta over the shipped logits (the shipped model's logits are a fixed offset per row, the delta starts at zero and
/// L2 pulls it back there), k-fold cross-validated against the shipped model on the held-out corrections. A task's
/// delta is used only when it is strictly better on both out-of-fold accuracy and macro-F1. The watch's uncorrected
/// posts join training as light anchors labelled by the shipped model (see <see cref="AdaptationSettings.AnchorWeight"/>).
/// </summary>
public static class AdaptationTrainer
{
    /// <param name="otherPosts">recent uncorrected posts of the watch: anchors in training, and the base of <see cref="TaskAdaptationReport.ChangedShare"/>.</param>
    public static AdaptationResult Train(PostClassifier shipped, IReadOnlyList<CorrectedPost> sentiment, IReadOnlyList<CorrectedPost> needsReply,
        IReadOnlyList<string> otherPosts, AdaptationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        var problems = settings.Problems();
        if (problems.Count > 0) throw new ArgumentException("Adaptation settings: " + string.Join("; ", problems), nameof(settings));
        var others = otherPosts.Select(t => (Text: t, Shipped: shipped.Classify(t))).ToList();
        var (sentimentReport, sentimentDelta) = TrainTask(shipped, Tasks.Sentiment, sentiment, others, settings, cancellationToken);
        var (needsReplyReport, needsReplyDelta) = TrainTask(shipped, Tasks.NeedsReply, needsReply, others, settings, cancellationToken);
        var adaptation = sentimentDelta is null && needsReplyDelta is null ? null
            : new ClassifierAdaptation(shipped.SentimentModelVersion, shipped.NeedsReplyModelVersion, sentimentDelta, needsReplyDelta);
        return new AdaptationResult(adaptation, sentimentReport, needsReplyReport);
    }

    private static (TaskAdaptationReport Report, TaskDelta? Delta) TrainTask(PostClassifier shipped, string task, IReadOnlyList<CorrectedPost> corrections,
        List<(string Text, PostClassification Shipped)> others, AdaptationSettings settings, CancellationToken cancellationToken)
    {
        var labels = Tasks.LabelsOf(task);
        var rows = corrections.Select((c, i) => new LabeledText(c.Text, Array.IndexOf(labels, c.Label) is var k and >= 0 ? k
            : throw new ArgumentException($"'{c.Label}' is not a {task} label (expected one of {string.Join(", ", labels)})"), "corrections", i + 1)).ToList();
        if (rows.Count < settings.MinCorrections)
            return (new TaskAdaptationReport(task, false, $"only {rows.Count} {task} corrections; at least {settings.MinCorrections} are needed",
                rows.Count, 0, null, null, 0, others.Count, null), null);

        var model = task == Tasks.Sentiment ? shipped.SentimentModel : shipped.NeedsReplyModel;
        var options = new TrainingOptions
        {
            Epochs = settings.Epochs, LearningRate = settings.LearningRate, L2 = settings.L2, BiasL2 = settings.BiasL2,
            ClassWeightPower = settings.ClassWeightPower, AverageEpochs = true, Seed = settings.Seed, Features = model.Spec,
        };
        var data = ShippedOffsets(shipped, task, FeaturizedSet.Build(rows, shipped.SharedSpec));
        int folds = Math.Min(settings.Folds, rows.Count);
        var fold = CrossValidation.AssignFolds(data.Labels, labels.Length, folds, settings.Seed);
        // Anchors: each uncorrected post with the label the shipped model gives it, dealt to folds like the corrections.
        var anchorRows = others.Select((o, i) => new LabeledText(o.Text, ShippedLabel(task, o.Shipped), "others", i + 1)).ToList();
        var anchors = ShippedOffsets(shipped, task, FeaturizedSet.Build(anchorRows, shipped.SharedSpec, settings.AnchorWeight));
        var anchorFold = CrossValidation.AssignFolds(anchors.Labels, labels.Length, folds, settings.Seed + 1);
        var shippedPredicted = Predict(data, null, options, labels.Length);
        var adaptedPredicted = new int[rows.Count];
        int anchorsChanged = 0;
        for (int f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainIdx = Enumerable.Range(0, rows.Count).Where(i => fold[i] != f).ToList();
            var testIdx = Enumerable.Range(0, rows.Count).Where(i => fold[i] == f).ToList();
            var anchorTrain = Enumerable.Range(0, anchors.Count).Where(i => anchorFold[i] != f).ToList();
            var anchorTest = anchors.Subset(Enumerable.Range(0, anchors.Count).Where(i => anchorFold[i] == f).ToList());
            var delta = TrainDelta(FeaturizedSet.Concat(data.Subset(trainIdx), anchors.Subset(anchorTrain)), options, labels.Length, temperature: 1f);
            var predicted = Predict(data.Subset(testIdx), delta, options, labels.Length);
            for (int j = 0; j < testIdx.Count; j++) adaptedPredicted[testIdx[j]] = predicted[j];
            var anchorPredicted = Predict(anchorTest, delta, options, labels.Length);
            for (int j = 0; j < anchorTest.Count; j++) if (anchorPredicted[j] != anchorTest.Labels[j]) anchorsChanged++;
        }
        var shippedReport = EvaluationReport.From(labels, data.Labels, shippedPredicted);
        var adaptedReport = EvaluationReport.From(labels, data.Labels, adaptedPredicted);
        var shippedFigures = new AdaptationFigures(Math.Round(shippedReport.Accuracy, 4), Math.Round(shippedReport.MacroF1, 4));
        var adaptedFigures = new AdaptationFigures(Math.Round(adaptedReport.Accuracy, 4), Math.Round(adaptedReport.MacroF1, 4));
        bool better = adaptedReport.Accuracy > shippedReport.Accuracy && adaptedReport.MacroF1 > shippedReport.MacroF1;

        cancellationToken.ThrowIfCancellationRequested();
        // The delta in use learns from every correction; in the model's own temperature so it adds to raw logits.
        var final = TrainDelta(FeaturizedSet.Concat(data, anchors), options, labels.Length, model.Metadata.Temperature);
        double? changed = others.Count > 0 ? Math.Round(anchorsChanged / (double)others.Count, 4) : null;
        string verdict = $"{folds}-fold cross-validated on {rows.Count} corrections: accuracy {adaptedFigures.Accuracy:F3} vs shipped {shippedFigures.Accuracy:F3}, " +
            $"macro-F1 {adaptedFigures.MacroF1:F3} vs shipped {shippedFigures.MacroF1:F3}";
        var report = new TaskAdaptationReport(task, better,
            better ? $"used: {verdict}" : $"not used, not better than the shipped model on both: {verdict}",
            rows.Count, folds, shippedFigures, adaptedFigures, final.Buckets.Length, others.Count, changed);
        return (report, better ? final : null);
    }

    private static int ShippedLabel(string task, PostClassification c) =>
        task == Tasks.Sentiment ? Array.IndexOf(Tasks.LabelsOf(Tasks.Sentiment), c.Sentiment) : c.NeedsReply ? 1 : 0;

    /// <summary>Each row's shipped logits (divided by the model's temperature, the trainer's units) become its fixed offset.</summary>
    private static FeaturizedSet ShippedOffsets(PostClassifier shipped, string task, FeaturizedSet data)
    {
        var sentiment = shipped.SentimentModel;
        var needsReply = shipped.NeedsReplyModel;
        int outputs = task == Tasks.Sentiment ? 3 : 1;
        var offsets = new float[data.Count * outputs];
        Span<float> sentimentLogits = stackalloc float[3];
        Span<float> sentimentProbabilities = stackalloc float[3];
        Span<float> replyLogit = stackalloc float[1];
        for (int i = 0; i < data.Count; i++)
        {
            var features = data.Features(i);
            sentiment.Logits(features, data.BiasRows[i], sentimentLogits);
            if (task == Tasks.Sentiment)
            {
                for (int k = 0; k < 3; k++) offsets[i * 3 + k] = sentimentLogits[k] / sentiment.Metadata.Temperature;
                continue;
            }
            LinearModel.Probabilities(sentimentLogits, 3, sentiment.Metadata.Temperature, sentimentProbabilities);
            needsReply.Logits(features, data.BiasRows[i], replyLogit, sentimentProbabilities);
            offsets[i] = replyLogit[0] / needsReply.Metadata.Temperature;
        }
        return data.WithBaseLogits(offsets);
    }

    private static TaskDelta TrainDelta(FeaturizedSet data, TrainingOptions options, int labelCount, float temperature)
    {
        var trained = Trainer.TrainWeights(data, labelCount, options);
        return TaskDelta.FromDense(trained.Weights, trained.Biases, LinearModel.OutputsFor(labelCount), temperature);
    }

    /// <summary>Labels from the rows' shipped offsets plus <paramref name="delta"/> (trainer units), or the shipped labels alone.</summary>
    private static int[] Predict(FeaturizedSet data, TaskDelta? delta, TrainingOptions options, int labelCount)
    {
        int outputs = LinearModel.OutputsFor(labelCount);
        var predicted = new int[data.Count];
        Span<float> logits = stackalloc float[outputs];
        Span<float> probabilities = stackalloc float[labelCount];
        for (int i = 0; i < data.Count; i++)
        {
            data.BaseLogits.AsSpan(i * outputs, outputs).CopyTo(logits);
            delta?.AddLogits(options.Features, data.Features(i), data.BiasRows[i], logits);
            LinearModel.Probabilities(logits, labelCount, 1f, probabilities);
            predicted[i] = Evaluator.ArgMax(probabilities);
        }
        return predicted;
    }
}
