using System.CommandLine;
using System.Globalization;
using System.Numerics.Tensors;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

/// <summary>
/// `lane`: trains a logistic regression on static MiniLM word vectors of the labelled rows (all but
/// <c>--holdout-period</c>) and writes it as per-word logits (<see cref="WordLaneBuilder"/>) for `mentionwatch train --lane`.
/// </summary>
internal static class LaneCommand
{
    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "labelled TSV (text, label, period)", Required = true };
        var like = new Option<string>("--like") { Description = "a sentiment model (.mwm) with the feature settings the lane will be added to", Required = true };
        var output = new Option<string>("--out") { Description = "lane TSV to write (token, one logit column per label)", Required = true };
        var holdout = new Option<string?>("--holdout-period") { Description = "leave the rows of this period out and report on them" };
        var val = new Option<string?>("--val") { Description = "labelled TSV reported on (never trained on)" };
        var vocabulary = new Option<string?>("--vocabulary") { Description = "unlabelled TSV whose words join the vocabulary (and the piece frequencies)" };
        var sif = new Option<float>("--sif") { Description = "SIF constant a: a word piece weighs a / (a + its frequency)", DefaultValueFactory = _ => 1e-3f };
        var extra = new Option<string[]>("--extra") { Description = "more labelled TSVs trained on (English rows: a file with a lang column gives its en rows only)", AllowMultipleArgumentsPerToken = true };
        var extraWeight = new Option<float>("--extra-weight") { Description = "loss weight of each --extra row", DefaultValueFactory = _ => 1f };
        var maxWords = new Option<int>("--max-words") { Description = "keep the most frequent words only (each lane word's logits land on a hashed bucket other features share)", DefaultValueFactory = _ => 5000 };
        var l2 = new Option<float>("--l2") { Description = "L2 penalty of the logistic regression (L-BFGS)", DefaultValueFactory = _ => 1f };
        var command = new Command("lane", "Train per-word sentiment logits from static MiniLM word vectors (a word lane for mentionwatch train --lane)")
            { train, like, output, holdout, val, vocabulary, sif, maxWords, l2, extra, extraWeight };
        command.SetAction(result => Run(new LaneSettings(result.GetRequiredValue(train), result.GetRequiredValue(like), result.GetRequiredValue(output),
            result.GetValue(holdout), result.GetValue(val), result.GetValue(vocabulary), result.GetValue(sif), result.GetValue(l2), result.GetValue(maxWords), result.GetValue(extra) ?? [], result.GetValue(extraWeight)), Console.Out, CancellationToken.None));
        return command;
    }

    public static int Run(LaneSettings s, TextWriter report, CancellationToken cancel)
    {
        if (s.MaxWords < 1) throw new ArgumentException($"--max-words {s.MaxWords} must be at least 1");
        if (s.Sif is <= 0 or > 1) throw new ArgumentException($"--sif {s.Sif} is outside (0, 1]");
        var like = ModelFile.Read(s.Like);
        if (like.Metadata.Task != Tasks.Sentiment) throw new ArgumentException($"{s.Like} is a {like.Metadata.Task} model, not a sentiment model");
        var labels = Tasks.LabelsOf(Tasks.Sentiment);
        // Every input is read and checked before the encoder loads, so a bad file fails in a second, not after it.
        var rows = TsvRows.Read(s.Train);
        var (y, trainAt, heldAt) = LabelledRows.Of(rows, s.Train, labels, s.HoldoutPeriod);
        var valRows = s.Val is null ? null : TsvRows.Read(s.Val);
        var unlabelled = s.Vocabulary is null ? [] : TsvRows.Read(s.Vocabulary);
        if (s.ExtraWeight is <= 0 or > 100) throw new ArgumentException($"--extra-weight {s.ExtraWeight} is outside (0, 100]");
        var extraRows = (s.Extra ?? []).SelectMany(path => TsvRows.Read(path).Where(r => r.Language is "" or "en")).ToList();
        var extraY = LabelledRows.Of(extraRows, string.Join(", ", s.Extra ?? []), labels, holdoutPeriod: null).Labels;

        var builder = new WordLaneBuilder(StaticTokenVectors.Load(report, cancel), like.Spec, s.Sif);
        var posts = rows.Select(r => builder.WordsOf(r.Text)).ToList();
        var extraPosts = extraRows.Select(r => builder.WordsOf(r.Text)).ToList();
        // The held-out period's words stay out of the vocabulary too: a word only it contains would otherwise get a vector
        // no training post can have taught, and the later-period figure would be read off words chosen by that period.
        var vocabulary = builder.WordVectors(trainAt.Select(i => posts[i].Words).Concat(extraPosts.Select(p => p.Words)).Concat(unlabelled.Select(r => builder.WordsOf(r.Text).Words)), s.MaxWords, report);
        int dimension = vocabulary.Values.First().Length;
        var x = posts.Select(p => WordLaneBuilder.PostVector(p, vocabulary, dimension)).ToList();
        var trainX = trainAt.Select(i => x[i]).Concat(extraPosts.Select(p => WordLaneBuilder.PostVector(p, vocabulary, dimension))).ToList();
        var trainY = trainAt.Select(i => y[i]).Concat(extraY).ToList();
        var weights = trainAt.Select(_ => 1f).Concat(extraRows.Select(_ => s.ExtraWeight)).ToList();
        var model = EmbeddingClassifier.Train(trainX, trainY, labels, s.L2, weights);
        var (logitWeights, biases) = model.LinearForm(trainAt.Take(200).Select(i => x[i]).ToList());
        report.WriteLine($"lane trained on {trainAt.Length:N0} rows{(extraRows.Count > 0 ? $" and {extraRows.Count:N0} extra rows at weight {s.ExtraWeight.ToString(CultureInfo.InvariantCulture)}" : "")} ({vocabulary.Count:N0} words, L2 {s.L2.ToString(CultureInfo.InvariantCulture)}, SIF {s.Sif.ToString(CultureInfo.InvariantCulture)})");

        if (heldAt.Length > 0) Report(report, $"period {s.HoldoutPeriod}", heldAt.Select(i => x[i]).ToList(), heldAt.Select(i => y[i]).ToArray(), model, labels);
        if (valRows is not null)
        {
            var valX = valRows.Select(r => WordLaneBuilder.PostVector(builder.WordsOf(r.Text), vocabulary, dimension)).ToList();
            Report(report, Path.GetFileName(s.Val!), valX, valRows.Select(r => Array.IndexOf(labels, r.Label)).ToArray(), model, labels);
        }

        Write(s.Out, labels, biases, vocabulary.Select(v => (v.Key, logitWeights.Select(w => TensorPrimitives.Dot(w, v.Value)).ToArray())));
        report.WriteLine($"wrote {s.Out} ({vocabulary.Count:N0} words)");
        return 0;
    }

    private static void Report(TextWriter report, string name, List<float[]> x, int[] gold, EmbeddingClassifier model, string[] labels) =>
        report.WriteLine($"{name} ({x.Count:N0} rows), lane alone macro-recall {TeachCommand.MacroRecall(gold, SentimentMix.ArgMaxes(model.Probabilities(x)), labels.Length):F4}");

    private static void Write(string path, string[] labels, float[] bias, IEnumerable<(string Token, float[] Logits)> words)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.WriteLine("token\t" + string.Join('\t', labels));
        writer.WriteLine(Row(WordLane.BiasToken, bias));
        foreach (var (token, logits) in words.OrderBy(w => w.Token, StringComparer.Ordinal)) writer.WriteLine(Row(token, logits));
    }

    private static string Row(string token, float[] logits) =>
        token + "\t" + string.Join('\t', logits.Select(l => l.ToString("G6", CultureInfo.InvariantCulture)));
}

internal sealed record LaneSettings(string Train, string Like, string Out, string? HoldoutPeriod, string? Val, string? Vocabulary, float Sif, float L2, int MaxWords = 5000, string[]? Extra = null, float ExtraWeight = 1f);
