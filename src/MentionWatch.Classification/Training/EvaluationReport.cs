namespace MentionWatch.Classification.Training;

/// <summary>Per-label precision, recall, F1 and support.</summary>
internal sealed record ClassMetrics(double Precision, double Recall, double F1, int Support);

/// <summary>Accuracy, macro averages, per-label metrics and the confusion matrix (rows = gold, columns = predicted).</summary>
internal sealed record EvaluationReport(
    int Count, double Accuracy, double MacroRecall, double MacroF1,
    IReadOnlyDictionary<string, ClassMetrics> Classes, string[] Labels, int[,] Confusion)
{
    public static EvaluationReport From(string[] labels, ReadOnlySpan<int> gold, ReadOnlySpan<int> predicted)
    {
        int c = labels.Length;
        var confusion = new int[c, c];
        int correct = 0;
        for (int i = 0; i < gold.Length; i++)
        {
            confusion[gold[i], predicted[i]]++;
            if (gold[i] == predicted[i]) correct++;
        }
        var classes = new Dictionary<string, ClassMetrics>();
        double recallSum = 0, f1Sum = 0;
        for (int k = 0; k < c; k++)
        {
            int tp = confusion[k, k], support = 0, predictedK = 0;
            for (int j = 0; j < c; j++)
            {
                support += confusion[k, j];
                predictedK += confusion[j, k];
            }
            double precision = predictedK == 0 ? 0 : tp / (double)predictedK;
            double recall = support == 0 ? 0 : tp / (double)support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes[labels[k]] = new ClassMetrics(precision, recall, f1, support);
            recallSum += recall;
            f1Sum += f1;
        }
        int n = gold.Length;
        return new EvaluationReport(n, n == 0 ? 0 : correct / (double)n, recallSum / c, f1Sum / c, classes, labels, confusion);
    }

    /// <summary>The share of rows predicted as <paramref name="label"/> (e.g. how many posts a needs-reply model flags).</summary>
    public double PredictedShare(string label)
    {
        int k = Array.IndexOf(Labels, label), predicted = 0;
        for (int j = 0; j < Labels.Length; j++) predicted += Confusion[j, k];
        return Count == 0 ? 0 : predicted / (double)Count;
    }

    /// <summary>The headline figures for a model card's metadata.</summary>
    public Dictionary<string, double> Summary(string prefix)
    {
        var d = new Dictionary<string, double>
        {
            [prefix + "accuracy"] = Math.Round(Accuracy, 4),
            [prefix + "macroRecall"] = Math.Round(MacroRecall, 4),
            [prefix + "macroF1"] = Math.Round(MacroF1, 4),
        };
        foreach (var (label, m) in Classes) d[$"{prefix}f1[{label}]"] = Math.Round(m.F1, 4);
        return d;
    }
}
