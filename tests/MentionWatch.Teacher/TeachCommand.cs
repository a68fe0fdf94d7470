using System.Diagnostics;
using System.Globalization;

namespace MentionWatch.Teacher;

/// <summary>
/// Trains the teacher on the older SemEval releases (period != 2016test), picks L2 on 2016test only, reports
/// 2016test and val macro-recall, then optionally pseudo-labels an unlabelled cache (old-period teacher for
/// the later-period student run, all-period teacher for the all-period run).
/// </summary>
internal static class TeachCommand
{
    private static readonly string[] Labels = ["negative", "neutral", "positive"];
    private const string NewestPeriod = "2016test";

    public static int Run(string[] args)
    {
        var (trainRows, trainX) = EmbeddingCache.Read(EmbedCommand.Option(args, "--train")!);
        var (valRows, valX) = EmbeddingCache.Read(EmbedCommand.Option(args, "--val")!);
        var epochs = int.Parse(EmbedCommand.Option(args, "--epochs") ?? "15", CultureInfo.InvariantCulture);
        var l2Grid = (EmbedCommand.Option(args, "--l2") ?? "0.0001,0.001,0.01")
            .Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        var old = Enumerable.Range(0, trainRows.Count).Where(i => trainRows[i].Period != NewestPeriod).ToArray();
        var newest = Enumerable.Range(0, trainRows.Count).Where(i => trainRows[i].Period == NewestPeriod).ToArray();
        var oldX = old.Select(i => trainX[i]).ToArray();
        var oldY = old.Select(i => LabelIndex(trainRows[i].Label)).ToArray();
        var newestX = newest.Select(i => trainX[i]).ToArray();
        var newestY = newest.Select(i => LabelIndex(trainRows[i].Label)).ToArray();
        var valY = valRows.Select(r => LabelIndex(r.Label)).ToArray();
        Console.WriteLine($"older rows {old.Length}, {NewestPeriod} rows {newest.Length}, val rows {valRows.Count}");

        SoftmaxRegression? best = null;
        var bestL2 = 0f;
        var bestRecall = -1.0;
        foreach (var l2 in l2Grid)
        {
            var watch = Stopwatch.StartNew();
            var model = SoftmaxRegression.Train(oldX, oldY, Labels.Length, l2, epochs, seed: 1);
            var later = MacroRecall(model, newestX, newestY);
            Console.WriteLine($"l2 {l2}: {NewestPeriod} macro-recall {later:F4} (trained in {watch.Elapsed.TotalSeconds:F1} s)");
            if (later > bestRecall) (best, bestL2, bestRecall) = (model, l2, later);
        }
        Console.WriteLine($"selected l2 {bestL2}: {NewestPeriod} macro-recall {bestRecall:F4}, val macro-recall {MacroRecall(best!, valX, valY):F4}");

        // The all-period teacher (same L2) labels the pseudo rows of the all-period student; val is only reported.
        var allY = trainRows.Select(r => LabelIndex(r.Label)).ToArray();
        var allWatch = Stopwatch.StartNew();
        var allPeriods = SoftmaxRegression.Train(trainX, allY, Labels.Length, bestL2, epochs, seed: 1);
        Console.WriteLine($"all-period teacher: val macro-recall {MacroRecall(allPeriods, valX, valY):F4} (trained in {allWatch.Elapsed.TotalSeconds:F1} s)");

        var pseudo = EmbedCommand.Option(args, "--pseudo");
        if (pseudo is not null)
        {
            var (pseudoRows, pseudoX) = EmbeddingCache.Read(pseudo);
            var minProb = float.Parse(EmbedCommand.Option(args, "--min-prob") ?? "0", CultureInfo.InvariantCulture);
            var prefix = EmbedCommand.Option(args, "--out-prefix")!;
            WritePseudo(best!, pseudoRows, pseudoX, minProb, prefix + "-older.tsv");
            WritePseudo(allPeriods, pseudoRows, pseudoX, minProb, prefix + "-all.tsv");
        }
        return 0;
    }

    private static void WritePseudo(SoftmaxRegression model, List<TsvRow> rows, float[][] x, float minProb, string path)
    {
        var counts = new int[Labels.Length];
        using var writer = new StreamWriter(path);
        writer.WriteLine("text\tlabel");
        for (var i = 0; i < rows.Count; i++)
        {
            var probs = model.Predict(x[i]);
            var label = Array.IndexOf(probs, probs.Max());
            if (probs[label] < minProb) continue;
            counts[label]++;
            writer.WriteLine($"{rows[i].Text}\t{Labels[label]}");
        }
        Console.WriteLine($"{path}: {string.Join(", ", Labels.Select((l, k) => $"{l} {counts[k]}"))} (min prob {minProb})");
    }

    private static int LabelIndex(string label) =>
        Array.IndexOf(Labels, label) is var k and >= 0 ? k : throw new InvalidDataException($"unknown label '{label}'");

    private static double MacroRecall(SoftmaxRegression model, float[][] x, int[] y)
    {
        var hits = new int[Labels.Length];
        var totals = new int[Labels.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var probs = model.Predict(x[i]);
            totals[y[i]]++;
            if (Array.IndexOf(probs, probs.Max()) == y[i]) hits[y[i]]++;
        }
        return Enumerable.Range(0, Labels.Length).Where(k => totals[k] > 0).Average(k => (double)hits[k] / totals[k]);
    }
}
