using System.Text.Json;
using MentionWatch.Cli.Tests.Support;

namespace MentionWatch.Cli.Tests;

/// <summary>The CLI end to end as a process: train -> eval -> classify -> bench, and bad input handling.</summary>
public sealed class CliTests
{
    private string dir = null!;

    [OneTimeSetUp]
    public void WriteData()
    {
        dir = TempDirectory.Create("cli");
        var random = new Random(3);
        string[][] cues = [["awful", "broken", "terrible"], ["opens", "arrived", "released"], ["great", "love", "amazing"]];
        string[] labels = ["negative", "neutral", "positive"];
        using (var w = new StreamWriter(Path.Combine(dir, "sentiment.tsv")))
        {
            w.WriteLine("text\tlabel");
            for (int i = 0; i < 150; i++)
                w.WriteLine($"the store {cues[i % 3][random.Next(3)]} item {random.Next(100)}\t{labels[i % 3]}");
        }
        using (var w = new StreamWriter(Path.Combine(dir, "reply.tsv")))
        {
            w.WriteLine("text\tlabel");
            for (int i = 0; i < 100; i++)
                w.WriteLine(i % 2 == 0 ? $"@shop where is my refund {i}\t1" : $"lovely sunset photo {i}\t0");
        }
        File.WriteAllText(Path.Combine(dir, "bad.tsv"), "text\tlabel\nfine\tpositive\nodd\tmixed\n");
    }

    [OneTimeTearDown]
    public void Cleanup() => TempDirectory.Delete(dir);

    [Test, Order(1)]
    public void TrainEvalClassifyBench_EndToEnd()
    {
        var train = CliProcess.Run(dir, null, "train", "--task", "sentiment", "--data", "sentiment.tsv", "--val", "sentiment.tsv", "--out", "m/sentiment.mwm", "--hash-bits", "14", "--seed", "2");
        Assert.That(train.ExitCode, Is.EqualTo(0), train.Stderr + train.Stdout);
        Assert.That(train.Stdout, Does.Contain("wrote"));
        var trainReply = CliProcess.Run(dir, null, "train", "--task", "needs-reply", "--data", "reply.tsv", "--out", "m/needs-reply.mwm", "--hash-bits", "14");
        Assert.That(trainReply.ExitCode, Is.EqualTo(0), trainReply.Stderr);

        var eval = CliProcess.Run(dir, null, "eval", "--model", "m/sentiment.mwm", "--data", "sentiment.tsv", "--format", "json");
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.Stderr);
        using var json = JsonDocument.Parse(eval.Stdout);
        Assert.That(json.RootElement.GetProperty("count").GetInt32(), Is.EqualTo(150));
        Assert.That(json.RootElement.GetProperty("macroF1").GetDouble(), Is.GreaterThan(0.9));
        Assert.That(json.RootElement.GetProperty("classes").GetProperty("negative").GetProperty("support").GetInt32(), Is.EqualTo(50));

        var text = CliProcess.Run(dir, null, "eval", "--model", "m/sentiment.mwm", "--data", "sentiment.tsv");
        Assert.That(text.Stdout, Does.Contain("confusion matrix").And.Contain("macro-recall"));

        var classify = CliProcess.Run(dir, "the store is awful\nI love it\n", "classify", "--model", "m/sentiment.mwm");
        var lines = classify.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.StartWith("negative\t").And.Contain("w:awful"));
        Assert.That(lines[1], Does.StartWith("positive\t"));

        var bench = CliProcess.Run(dir, null, "bench", "classify", "--data", "sentiment.tsv", "--sentiment-model", "m/sentiment.mwm",
            "--needs-reply-model", "m/needs-reply.mwm", "--seconds", "0.3", "--warmup", "0.1", "--threads", "2", "--format", "json");
        Assert.That(bench.ExitCode, Is.EqualTo(0), bench.Stderr);
        using var benchJson = JsonDocument.Parse(bench.Stdout);
        Assert.That(benchJson.RootElement.GetProperty("postsPerSecond").GetDouble(), Is.GreaterThan(0));
        Assert.That(benchJson.RootElement.GetProperty("threads").GetInt32(), Is.EqualTo(2));
    }

    [Test, Order(2)]
    public void Adapt_ConsistentCorrections_AreUsedAndTimed()
    {
        // The models of the end-to-end test read "great" as positive; 25 agents' corrections say these posts are negative.
        File.WriteAllLines(Path.Combine(dir, "corrections.tsv"),
            Enumerable.Range(0, 25).Select(i => $"the store great item {i} again, sure\tnegative\tsentiment").Prepend("text\tlabel\ttask"));
        var r = CliProcess.Run(dir, null, "adapt", "--corrections", "corrections.tsv", "--models", "m");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr + r.Stdout);
        Assert.That(r.Stdout, Does.Contain("sentiment\tused\tcorrections=25"));
        Assert.That(r.Stdout, Does.Contain("needs-reply\tnot used\tcorrections=0").And.Contain("at least 20 are needed"));
        Assert.That(r.Stdout, Does.Match(@"trained in \d+\.\d\d s: 25 sentiment \+ 0 needs-reply corrections"));
    }

    [Test]
    public void CrossVal_Predictions_WritesEveryRowWithItsOutOfFoldProbabilities()
    {
        var r = CliProcess.Run(dir, null, "crossval", "--task", "needs-reply", "--data", "reply.tsv", "--folds", "4", "--hash-bits", "14",
            "--predictions", "oof.tsv", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.That(json.RootElement.GetProperty("count").GetInt32(), Is.EqualTo(100));
        var lines = File.ReadAllLines(Path.Combine(dir, "oof.tsv"));
        Assert.That(lines[0], Is.EqualTo("text\tlabel\tpredicted\tp_0\tp_1"));
        Assert.That(lines, Has.Length.EqualTo(101));
        var refund = lines.First(l => l.StartsWith("@shop where is my refund")).Split('\t');
        Assert.That(double.Parse(refund[3], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(refund[4], System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(1.0).Within(1e-3));
        Assert.That(refund[2], Is.EqualTo("1"), "an easy synthetic complaint is predicted needs-reply out of fold");
    }

    [Test]
    public void CrossVal_DataWhere_CrossValidatesOneLanguageOfAFileWhileTheOtherTrainsEveryFold()
    {
        // A file labelled for both tasks: its English rows are cross-validated, its Russian rows join every training fold.
        using (var w = new StreamWriter(Path.Combine(dir, "both.tsv")))
        {
            w.WriteLine("text\tlang\tsentiment\tneeds_reply");
            for (int i = 0; i < 40; i++)
            {
                w.WriteLine(i % 2 == 0 ? $"@shop my order {i} never came\ten\tnegative\t1" : $"nice walk today {i}\ten\tpositive\t0");
                w.WriteLine(i % 2 == 0 ? $"@shop где мой заказ {i}\tru\tnegative\t1" : $"хорошая погода {i}\tru\tpositive\t0");
            }
        }
        var r = CliProcess.Run(dir, null, "crossval", "--task", "needs-reply", "--data", "both.tsv", "--data-where", "lang=en", "--data-weight", "0.5",
            "--train-extra", "reply.tsv", "both.tsv#lang=ru", "--extra-weight", "1", "0.25", "--folds", "4", "--hash-bits", "14", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.That(json.RootElement.GetProperty("count").GetInt32(), Is.EqualTo(40));
        Assert.That(json.RootElement.GetProperty("extraRows").GetInt32(), Is.EqualTo(100 + 40));
    }

    [Test]
    public void Train_UnknownLabel_FailsNamingFileAndLine()
    {
        var r = CliProcess.Run(dir, null, "train", "--task", "sentiment", "--data", "bad.tsv", "--out", "x.mwm");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("bad.tsv:3").And.Contain("unknown label 'mixed'"));
    }

    [Test]
    public void Train_WordLane_IsRefusedForNeedsReply_AndABrokenLaneNamesItsLine()
    {
        File.WriteAllText(Path.Combine(dir, "lane.tsv"), "token\tnegative\tneutral\tpositive\n#bias\t0\t0\t0\ngreat\t-1\t0\tlots\n");
        var reply = CliProcess.Run(dir, null, "train", "--task", "needs-reply", "--data", "reply.tsv", "--out", "x.mwm", "--lane", "lane.tsv");
        var broken = CliProcess.Run(dir, null, "train", "--task", "sentiment", "--data", "sentiment.tsv", "--out", "x.mwm", "--lane", "lane.tsv");
        Assert.Multiple(() =>
        {
            Assert.That(reply.ExitCode, Is.EqualTo(2));
            Assert.That(reply.Stderr, Does.Contain("--lane is for the sentiment task"));
            Assert.That(broken.ExitCode, Is.EqualTo(2));
            Assert.That(broken.Stderr, Does.Contain("lane.tsv:3").And.Contain("'lots' in column 'positive' is not a number"));
            Assert.That(File.Exists(Path.Combine(dir, "x.mwm")), Is.False);
        });
    }

    [Test]
    public void Train_PooledBiasItCannotHonour_IsRefused()
    {
        var untuned = CliProcess.Run(dir, null, "train", "--task", "sentiment", "--data", "sentiment.tsv", "--out", "x.mwm", "--pooled-bias", "true");
        // Three seed-average members need three folds of their own.
        var tooFewFolds = CliProcess.Run(dir, null, "train", "--task", "sentiment", "--data", "sentiment.tsv", "--out", "x.mwm",
            "--tune-bias", "macroRecall", "--tune-folds", "2", "--pooled-bias", "true");
        Assert.Multiple(() =>
        {
            Assert.That(untuned.ExitCode, Is.EqualTo(2));
            Assert.That(untuned.Stderr, Does.Contain("--pooled-bias needs --tune-bias or --calibrate"));
            Assert.That(tooFewFolds.ExitCode, Is.EqualTo(2));
            Assert.That(tooFewFolds.Stderr, Does.Contain("--tune-folds (2)").And.Contain("--seed-average 3"));
            Assert.That(File.Exists(Path.Combine(dir, "x.mwm")), Is.False);
        });
    }

    [Test]
    public void Eval_CorruptModel_FailsWithClearMessage()
    {
        File.WriteAllBytes(Path.Combine(dir, "corrupt.mwm"), [1, 2, 3, 4]);
        var r = CliProcess.Run(dir, null, "eval", "--model", "corrupt.mwm", "--data", "sentiment.tsv");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("corrupt.mwm").And.Contain("truncated"));
    }

    [Test, Order(2)]
    public void EvalSuite_PrintsEveryFigureWithItsTargetAndGap()
    {
        File.WriteAllText(Path.Combine(dir, "brand.tsv"), "text\tlang\tsentiment\tneeds_reply\tcategory\n" +
            "@shop where is my refund\ten\tnegative\t1\tcomplaint\nlovely sunset photo\ten\tpositive\t0\tchatter\n" +
            "@shop верните деньги\tru\tnegative\t1\trequest\nкрасивый закат\tru\tpositive\t0\tchatter\n");
        // The demo labels: the brand's own post is left out of the figures (the service sets it to "no reply").
        File.WriteAllText(Path.Combine(dir, "demo.tsv"), "text\tlang\tsentiment\tneeds_reply\tcategory\n" +
            "@shop charged me twice\ten\tnegative\t1\tcomplaint\ngreat coffee today\ten\tpositive\t0\tpraise\n" +
            "New store opens Monday\ten\tneutral\t0\tbrand\n@shop где мой заказ\tru\tnegative\t1\tquestion\n");
        var r = CliProcess.Run(dir, null, "eval", "--suite", "--sentiment-model", "m/sentiment.mwm", "--needs-reply-model", "m/needs-reply.mwm",
            "--brand-support", "brand.tsv", "--demo-labels", "demo.tsv", "--data-dir", "no-such-dir", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        var all = json.RootElement.GetProperty("figures").EnumerateArray().ToList();
        var figures = all.Where(f => f.GetProperty("data").GetString()!.StartsWith("brand-support", StringComparison.Ordinal))
            .ToDictionary(f => f.GetProperty("figure").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(figures.Keys, Is.SupersetOf(new[] { "en sentiment macro-F1", "ru sentiment macro-F1", "en needs-reply F1(1)", "ru needs-reply F1(1)",
                "en needs-reply precision(1)", "ru needs-reply recall(1)" }));
            Assert.That(figures["en needs-reply F1(1)"].GetProperty("target").GetDouble(), Is.EqualTo(0.88));
            Assert.That(figures["ru needs-reply F1(1)"].GetProperty("target").GetDouble(), Is.EqualTo(0.85));
            Assert.That(figures["en needs-reply F1(1)"].GetProperty("gap").GetDouble(),
                Is.EqualTo(figures["en needs-reply F1(1)"].GetProperty("value").GetDouble() - 0.88).Within(1e-6));
            Assert.That(json.RootElement.GetProperty("examples").GetArrayLength(), Is.EqualTo(4));
            Assert.That(all.Where(f => f.GetProperty("data").GetString()!.StartsWith("demo posts", StringComparison.Ordinal))
                .Select(f => f.GetProperty("data").GetString()).Distinct(), Is.EquivalentTo(new[] { "demo posts en (2)", "demo posts ru (1)" }));
            Assert.That(all.First(f => f.GetProperty("data").GetString() == "demo posts en (2)").GetProperty("target").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var notes = json.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
            Assert.That(notes, Has.Some.Contains("no-such-dir"));
            Assert.That(notes, Has.Some.Contains("the brands' own 1 posts left out"));
        });
        var text = CliProcess.Run(dir, null, "eval", "--suite", "--sentiment-model", "m/sentiment.mwm", "--needs-reply-model", "m/needs-reply.mwm",
            "--brand-support", "brand.tsv", "--data-dir", "no-such-dir");
        Assert.That(text.Stdout, Does.Contain("gap").And.Contain("by category").And.Contain("Верните!"));
    }

    [Test, Order(2)]
    public void ClassifyReasons_PrintsBothScoresWithReasonsInWords()
    {
        var r = CliProcess.Run(dir, "@shop where is my refund\n", "classify", "--model", "m/needs-reply.mwm", "--reasons", "--top", "3");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("needs reply yes").And.Contain("because the word '"));
    }

    [Test]
    public void Eval_NeitherModelNorSuite_SaysWhatIsMissing()
    {
        var r = CliProcess.Run(dir, null, "eval", "--data", "sentiment.tsv");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--model"));
    }

    [Test]
    public void Train_HoldoutPeriod_ReportsThePeriodValidation()
    {
        using (var w = new StreamWriter(Path.Combine(dir, "periods.tsv")))
        {
            w.WriteLine("text\tlabel\tperiod");
            string[] labels = ["negative", "neutral", "positive"];
            string[] cue = ["awful", "opens", "great"];
            for (int i = 0; i < 90; i++) w.WriteLine($"the store {cue[i % 3]} {i}\t{labels[i % 3]}\t{(i < 60 ? "2013train" : "2016test")}");
        }
        var r = CliProcess.Run(dir, null, "train", "--task", "sentiment", "--data", "periods.tsv", "--holdout-period", "newest", "--out", "m/period.mwm", "--hash-bits", "14");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr + r.Stdout);
        Assert.That(r.Stdout, Does.Contain("period:2016test"));
    }
}
