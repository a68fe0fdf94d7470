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
        dir = Path.Combine(Path.GetTempPath(), "mw-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
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
    public void Cleanup() => Directory.Delete(dir, recursive: true);

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
    public void Train_UnknownLabel_FailsNamingFileAndLine()
    {
        var r = CliProcess.Run(dir, null, "train", "--task", "sentiment", "--data", "bad.tsv", "--out", "x.mwm");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("bad.tsv:3").And.Contain("unknown label 'mixed'"));
    }

    [Test]
    public void Eval_CorruptModel_FailsWithClearMessage()
    {
        File.WriteAllBytes(Path.Combine(dir, "corrupt.mwm"), [1, 2, 3, 4]);
        var r = CliProcess.Run(dir, null, "eval", "--model", "corrupt.mwm", "--data", "sentiment.tsv");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("corrupt.mwm").And.Contain("truncated"));
    }
}
