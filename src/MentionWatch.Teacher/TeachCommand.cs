using System.CommandLine;
using System.Globalization;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

/// <summary>
/// `teach`: trains the embedding teacher on the labelled rows (all but <c>--holdout-period</c>), mixes its probabilities
/// with an n-gram sentiment model's, and writes the mix's label for every transfer text as a label overlay
/// (<see cref="LabelOverlay"/>: id, sentiment), which `mentionwatch train` reads as <c>TRANSFER.tsv#labels=OVERLAY</c>.
/// </summary>
/// <remarks>
/// Why a mix: on the later period the teacher alone scores 0.663 and the n-gram model 0.630, their log-linear mix at
/// 0.5 scores 0.682; the two err on different posts (the teacher reads unseen words by meaning, the n-grams know the
/// training data's own cues). The n-gram model must itself have been trained without the held-out period.
/// </remarks>
internal static class TeachCommand
{
    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "embedding cache of the labelled rows (text, label, period)", Required = true };
        var transfer = new Option<string>("--transfer") { Description = "embedding cache of the texts to label", Required = true };
        var transferTsv = new Option<string>("--transfer-tsv") { Description = "the TSV the transfer cache was made from (checked against the cache)", Required = true };
        var output = new Option<string>("--out") { Description = "label overlay to write (id, sentiment)", Required = true };
        var holdout = new Option<string?>("--holdout-period") { Description = "leave the rows of this period out of the teacher and report on them" };
        var val = new Option<string?>("--val") { Description = "embedding cache of a labelled validation file (reported only)" };
        var ngram = new Option<string?>("--ngram") { Description = "n-gram sentiment model (.mwm) whose probabilities are mixed into the teacher's" };
        var weight = new Option<float>("--embedding-weight") { Description = "weight of the teacher in the log-linear mix (the n-gram model gets the rest)", DefaultValueFactory = _ => 0.5f };
        var l2 = new Option<float>("--l2") { Description = "L2 penalty of the teacher (L-BFGS)", DefaultValueFactory = _ => 1f };
        var soft = new Option<float?>("--soft") { Description = "write the mix's class probabilities as soft targets (id, sentiment, weight), leaving out labels below this probability" };
        var outOfFold = new Option<string?>("--out-of-fold") { Description = "also write the teacher's 5-fold out-of-fold probabilities for its own training rows as soft targets (an overlay of the --train TSV)" };
        var command = new Command("teach", "Train the embedding teacher and write its labels for the transfer texts as a label overlay")
            { train, transfer, transferTsv, output, holdout, val, ngram, weight, l2, soft, outOfFold };
        command.SetAction(result =>
        {
            var settings = new TeachSettings(result.GetRequiredValue(train), result.GetRequiredValue(transfer), result.GetRequiredValue(transferTsv),
                result.GetRequiredValue(output), result.GetValue(holdout), result.GetValue(val), result.GetValue(ngram), result.GetValue(weight), result.GetValue(l2), result.GetValue(soft), result.GetValue(outOfFold));
            return Run(settings, Console.Out);
        });
        return command;
    }

    public static int Run(TeachSettings s, TextWriter report)
    {
        if (s.EmbeddingWeight is < 0 or > 1) throw new ArgumentException($"--embedding-weight {s.EmbeddingWeight} is outside 0..1");
        if (s.SoftFloor is < 0 or >= 0.5f) throw new ArgumentException($"--soft {s.SoftFloor} is outside 0..0.5 (it is the probability below which a label is left out)");
        if (s.EmbeddingWeight < 1 && s.Ngram is null) throw new ArgumentException("--ngram is required unless --embedding-weight is 1");
        var ngram = s.Ngram is null ? null : ModelFile.Read(s.Ngram);
        if (ngram is not null && ngram.Metadata.Task != Tasks.Sentiment) throw new ArgumentException($"{s.Ngram} is a {ngram.Metadata.Task} model, not a sentiment model");
        var labels = Tasks.LabelsOf(Tasks.Sentiment);
        var mix = new SentimentMix(ngram, s.EmbeddingWeight);

        var (rows, x, encoder) = EmbeddingCache.Read(s.Train);
        // Read before anything is written, so that a stale or mismatched transfer cache leaves no half-made overlays behind.
        var (transferRows, transferX, transferEncoder) = EmbeddingCache.Read(s.Transfer, EmbeddingCache.SourceHash(s.TransferTsv));
        RequireSameEncoder(s.Transfer, transferEncoder, encoder);
        var (y, trainAt, heldAt) = LabelledRows.Of(rows, s.Train, labels, s.HoldoutPeriod);
        var teacher = EmbeddingClassifier.Train(trainAt.Select(i => x[i]).ToList(), trainAt.Select(i => y[i]).ToList(), labels, s.L2);
        report.WriteLine($"teacher trained on {trainAt.Length:N0} rows (L2 {s.L2.ToString(CultureInfo.InvariantCulture)})");

        if (heldAt.Length > 0) Report(report, $"period {s.HoldoutPeriod}", heldAt.Select(i => rows[i]).ToList(), heldAt.Select(i => x[i]).ToList(), teacher, mix, labels);
        if (s.Val is not null)
        {
            var (valRows, valX, valEncoder) = EmbeddingCache.Read(s.Val);
            RequireSameEncoder(s.Val, valEncoder, encoder);
            Report(report, Path.GetFileName(s.Val), valRows, valX, teacher, mix, labels);
        }

        if (s.OutOfFold is not null)
        {
            // The teacher alone, not the mix: the n-gram half has trained on these very rows, so its view of them is the gold label.
            var outOfFold = OutOfFold(trainAt.Select(i => x[i]).ToList(), trainAt.Select(i => y[i]).ToArray(), labels, s.L2);
            var mass = OverlayWriter.WriteSoft(s.OutOfFold, trainAt.Select(i => rows[i]).ToList(), outOfFold, labels, s.SoftFloor ?? 0.02f);
            report.WriteLine($"{s.OutOfFold} (out-of-fold soft targets, probability mass): {string.Join(", ", labels.Select((l, k) => $"{l} {mass[k]:N0}"))}");
        }

        var probabilities = mix.Probabilities(teacher.Probabilities(transferX), mix.NgramProbabilities(transferRows));
        if (s.SoftFloor is { } floor)
        {
            var mass = OverlayWriter.WriteSoft(s.Out, transferRows, probabilities, labels, floor);
            report.WriteLine($"{s.Out} (soft targets, probability mass): {string.Join(", ", labels.Select((l, k) => $"{l} {mass[k]:N0}"))}");
            return 0;
        }
        var counts = OverlayWriter.Write(s.Out, transferRows, SentimentMix.ArgMaxes(probabilities), labels);
        report.WriteLine($"{s.Out}: {string.Join(", ", labels.Select((l, k) => $"{l} {counts[k]:N0}"))}");
        return 0;
    }

    // Two encoders of the same width would otherwise feed the teacher vectors from a space it was not trained in, silently.
    private static void RequireSameEncoder(string path, string encoder, string trainEncoder)
    {
        if (encoder != trainEncoder)
            throw new ArgumentException($"{path} was embedded with {encoder}, the --train cache with {trainEncoder}; run 'embed --encoder {trainEncoder}' on it");
    }

    private static void Report(TextWriter report, string name, List<TsvRow> rows, IReadOnlyList<float[]> x, EmbeddingClassifier teacher, SentimentMix mix, string[] labels)
    {
        var gold = rows.Select(r => Array.IndexOf(labels, r.Label)).ToArray();
        var teacherProbabilities = teacher.Probabilities(x);
        var line = $"{name} ({rows.Count:N0} rows), macro-recall: teacher {MacroRecall(gold, SentimentMix.ArgMaxes(teacherProbabilities), labels.Length):F4}";
        if (mix.NgramProbabilities(rows) is { } ngram)
            line += $", n-gram {MacroRecall(gold, SentimentMix.ArgMaxes(ngram, labels.Length), labels.Length):F4}, mix {MacroRecall(gold, mix.Labels(teacherProbabilities, ngram), labels.Length):F4}";
        report.WriteLine(line);
    }

    /// <summary>Each row's probabilities from a teacher trained on the other four of five folds (rows dealt round-robin in a seeded shuffle).</summary>
    private static float[][] OutOfFold(List<float[]> x, int[] y, string[] labels, float l2, int folds = 5)
    {
        var order = Enumerable.Range(0, x.Count).ToArray();
        new Random(1).Shuffle(order);
        var fold = new int[x.Count];
        for (int j = 0; j < order.Length; j++) fold[order[j]] = j % folds;
        var result = new float[x.Count][];
        for (int f = 0; f < folds; f++)
        {
            var inFold = Enumerable.Range(0, x.Count).Where(i => fold[i] == f).ToArray();
            var rest = Enumerable.Range(0, x.Count).Where(i => fold[i] != f).ToArray();
            var teacher = EmbeddingClassifier.Train(rest.Select(i => x[i]).ToList(), rest.Select(i => y[i]).ToList(), labels, l2);
            var p = teacher.Probabilities(inFold.Select(i => x[i]).ToList());
            for (int j = 0; j < inFold.Length; j++) result[inFold[j]] = p[j];
        }
        return result;
    }

    internal static double MacroRecall(int[] gold, int[] predicted, int classes)
    {
        var hits = new int[classes];
        var totals = new int[classes];
        for (var i = 0; i < gold.Length; i++)
        {
            if (gold[i] < 0) continue;
            totals[gold[i]]++;
            if (predicted[i] == gold[i]) hits[gold[i]]++;
        }
        return Enumerable.Range(0, classes).Where(k => totals[k] > 0).Average(k => (double)hits[k] / totals[k]);
    }
}

internal sealed record TeachSettings(string Train, string Transfer, string TransferTsv, string Out, string? HoldoutPeriod, string? Val, string? Ngram, float EmbeddingWeight, float L2, float? SoftFloor = null, string? OutOfFold = null);
