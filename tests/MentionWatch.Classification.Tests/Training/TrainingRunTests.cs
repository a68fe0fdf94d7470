using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class TrainingRunTests
{
    private TempDirectory temp = null!;

    [SetUp]
    public void SetUp() => temp = new TempDirectory();

    [TearDown]
    public void TearDown() => temp.Dispose();

    [Test]
    public void StackedOnASentimentModelWithOtherFeatures_TrainingAndCrossValidationFailNamingBothSpecs()
    {
        // The shipped sentiment file has 2^18 buckets; a needs-reply model with 2^16 would make it read the wrong weights.
        var sentiment = MentionWatch.Classification.Model.ModelFile.Read(Path.Combine(SharedData.RepositoryRoot(), "models", "sentiment.mwm"));
        var rows = Some.NeedsReplyRows(30);
        string data = Write("data.tsv", rows.Select(r => (r.Text, r.Label.ToString())));
        var options = new TrainingOptions { Epochs = 1, Features = sentiment.Spec with { HashBits = 16 } };

        var train = Assert.Throws<ArgumentException>(() => TrainingRun.Execute(Tasks.NeedsReply, [data], [], options, stackOn: sentiment));
        var cv = Assert.Throws<ArgumentException>(() => CrossValidation.Run(Tasks.NeedsReply, rows, [], 5, options, stackOn: sentiment));

        foreach (var e in new[] { train!, cv! })
            Assert.That(e.Message, Does.StartWith("--stack-sentiment: ").And.Contain("HashBits = 16").And.Contain("HashBits = 18"));
        Assert.That(() => CrossValidation.Run(Tasks.NeedsReply, rows, [], 5, options with { Features = sentiment.Spec with { CharWeight = 0.1f, Handles = true } }, stackOn: sentiment),
            Throws.Nothing, "the character weight and handle features are each model's own");
    }

    [Test]
    public void Execute_ExcludeFile_KeepsItsTextsOutOfTrainingAndExtraRows()
    {
        var rows = Some.NeedsReplyRows(30);
        string data = Write("data.tsv", rows.Select(r => (r.Text, r.Label.ToString())));
        string extra = Write("extra.tsv", [("@brand please fix my account now", "negative"), ("lovely day at the beach", "neutral")]);
        string exclude = Write("exclude.tsv", [(rows[0].Text, "1"), (rows[1].Text, "0"), ("@brand please fix my account now", "1")]);
        var options = new TrainingOptions { Epochs = 2, Features = Some.SmallSpec };
        string map = "negative=1,neutral=0,positive=0";

        var all = TrainingRun.Execute(Tasks.NeedsReply, [data], [], options, extraFiles: [extra], extraMap: map);
        var kept = TrainingRun.Execute(Tasks.NeedsReply, [data], [], options, extraFiles: [extra], extraMap: map, excludeFiles: [exclude]);

        int excludedMain = rows.Take(2).Select(r => r.Text).Distinct().Sum(t => rows.Count(r => r.Text == t));
        Assert.That(kept.Rows, Is.EqualTo(all.Rows - excludedMain));
        Assert.That(kept.Model.Quantized, Is.Not.EqualTo(all.Model.Quantized));
    }

    [Test]
    public void Execute_SoftOverlayOfTheDataFile_TrainsBesideTheGoldLabels_ButNeverOnTheHeldOutPeriod()
    {
        var rows = Some.SentimentRows(12);
        string data = temp.File("data.tsv");
        // Every third row is the newest period, which --holdout-period newest validates on.
        File.WriteAllLines(data, rows.Select((r, i) => $"{r.Text}\t{Tasks.LabelsOf(Tasks.Sentiment)[r.Label]}\t{(i % 3 == 0 ? "2016" : "2013")}").Prepend("text\tlabel\tperiod"));
        string Overlay(string name, Func<int, bool> which)
        {
            string path = temp.File(name);
            var lines = rows.Where((_, i) => which(i)).Select(r => LabelOverlay.IdOf(r.Text)).Distinct()
                .SelectMany(id => new[] { $"{id}\tnegative\t0.6", $"{id}\tpositive\t0.4" });
            File.WriteAllLines(path, lines.Prepend("id\tsentiment\tweight"));
            return path;
        }
        string older = Overlay("older.tsv", i => i % 3 != 0), newest = Overlay("newest.tsv", i => i % 3 == 0);
        var options = new TrainingOptions { Epochs = 2, Features = Some.SmallSpec };
        TrainingResult Train(string? overlay) => TrainingRun.Execute(Tasks.Sentiment, [data], [], options, holdoutPeriod: "newest",
            extraFiles: overlay is null ? null : [$"{data}#labels={overlay}"]);

        var plain = Train(null);

        Assert.Multiple(() =>
        {
            Assert.That(Train(older).Model.Quantized, Is.Not.EqualTo(plain.Model.Quantized), "soft targets of training texts are kept");
            Assert.That(Train(newest).Model.Quantized, Is.EqualTo(plain.Model.Quantized), "no target of a held-out text reaches training");
        });
    }

    [Test]
    public void Execute_DataWeight_WeighsThatFilesRowsAndKeepsThemMainRows()
    {
        var rows = Some.NeedsReplyRows(30);
        string first = Write("first.tsv", rows.Take(15).Select(r => (r.Text, r.Label.ToString())));
        string second = Write("second.tsv", rows.Skip(15).Select(r => (r.Text, r.Label.ToString())));
        var options = new TrainingOptions { Epochs = 2, Features = Some.SmallSpec };

        var plain = TrainingRun.Execute(Tasks.NeedsReply, [first, second], [], options);
        var ones = TrainingRun.Execute(Tasks.NeedsReply, [first, second], [], options, dataWeights: [1f]);
        var weighted = TrainingRun.Execute(Tasks.NeedsReply, [first, second], [], options, dataWeights: [1f, 3f]);

        Assert.Multiple(() =>
        {
            Assert.That(ones.Model.Quantized, Is.EqualTo(plain.Model.Quantized), "weight 1 is the default");
            // Weighted rows stay main rows (counted, and eligible for the bias hold-out), unlike extra rows.
            Assert.That(weighted.Rows, Is.EqualTo(plain.Rows));
            Assert.That(weighted.Model.Quantized, Is.Not.EqualTo(plain.Model.Quantized));
            Assert.Throws<ArgumentException>(() => TrainingRun.Execute(Tasks.NeedsReply, [first, second], [], options, dataWeights: [1f, 2f, 3f]));
        });
    }

    [Test]
    public void Execute_CorrectionsExport_AddsThisTasksRowsAndReplacesTheirTrainingRows()
    {
        var rows = Some.NeedsReplyRows(30);
        string data = Write("data.tsv", rows.Select(r => (r.Text, r.Label.ToString())));
        // The export's format: text, label, task; the sentiment rows must be skipped by a needs-reply training.
        string corrections = temp.File("corrections.tsv");
        File.WriteAllText(corrections, $"text\tlabel\ttask\n{rows[0].Text}\t{1 - rows[0].Label}\tneeds-reply\n@brand the app ate my ticket\t1\tneeds-reply\n@brand the app ate my ticket\tnegative\tsentiment\n");
        var options = new TrainingOptions { Epochs = 2, Features = Some.SmallSpec };

        var plain = TrainingRun.Execute(Tasks.NeedsReply, [data], [], options);
        var withCorrections = TrainingRun.Execute(Tasks.NeedsReply, [data], [], options, correctionFiles: [corrections], correctionWeight: 3f);

        int sameText = rows.Count(r => r.Text == rows[0].Text);
        Assert.That(withCorrections.CorrectionRows, Is.EqualTo(2));
        Assert.That(withCorrections.Rows, Is.EqualTo(plain.Rows - sameText), "the corrected text's training rows give way to the correction");
        Assert.That(withCorrections.Model.Metadata.TrainingFiles, Does.Contain("corrections.tsv"));
        Assert.That(withCorrections.Model.Quantized, Is.Not.EqualTo(plain.Model.Quantized));
        var sentiment = TrainingRun.Execute(Tasks.Sentiment, [Write("s.tsv", Some.SentimentRows(10).Select(r => (r.Text, Tasks.LabelsOf(Tasks.Sentiment)[r.Label])))], [],
            options with { Features = Some.SmallSpec }, correctionFiles: [corrections]);
        Assert.That(sentiment.CorrectionRows, Is.EqualTo(1));
    }

    [Test]
    public void Execute_CorrectionsWithoutTaskColumn_IsRefused()
    {
        string data = Write("data.tsv", Some.NeedsReplyRows(5).Select(r => (r.Text, r.Label.ToString())));
        string plain = Write("plain.tsv", [("@brand help", "1")]);
        var e = Assert.Throws<DataFormatException>(() => TrainingRun.Execute(Tasks.NeedsReply, [data], [],
            new TrainingOptions { Epochs = 1, Features = Some.SmallSpec }, correctionFiles: [plain]))!;
        Assert.That(e.Message, Does.Contain("plain.tsv").And.Contain("'task' column"));
    }

    [Test]
    public void Execute_MissingExcludeFile_NamesIt()
    {
        string data = Write("data.tsv", Some.NeedsReplyRows(5).Select(r => (r.Text, r.Label.ToString())));
        var e = Assert.Throws<DataFormatException>(() => TrainingRun.Execute(Tasks.NeedsReply, [data], [],
            new TrainingOptions { Epochs = 1, Features = Some.SmallSpec }, excludeFiles: [temp.File("nope.tsv")]))!;
        Assert.That(e.Message, Does.Contain("nope.tsv").And.Contain("not found"));
    }

    private string Write(string name, IEnumerable<(string Text, string Label)> rows)
    {
        string path = temp.File(name);
        File.WriteAllLines(path, rows.Select(r => $"{r.Text}\t{r.Label}").Prepend("text\tlabel"));
        return path;
    }
}
