using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class PeriodsTests
{
    [Test]
    public void Resolve_Newest_IsTheLatestRelease()
    {
        string[] periods = ["2013train", "2016train", "2016test", "2016devtest", "2014sarcasm", "unknown", "2016dev"];
        Assert.That(Periods.Resolve("newest", periods), Is.EqualTo("2016test"));
    }

    [Test]
    public void Resolve_NamedPeriodMissing_Throws() =>
        Assert.Throws<ArgumentException>(() => Periods.Resolve("2017test", ["2013train"]));

    [Test]
    public void Execute_HoldoutPeriod_ValidatesOnThatPeriodAndTrainsOnTheRest()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "train.tsv");
        var rows = Some.SentimentRows(20);
        File.WriteAllLines(path, ["text\tlabel\tperiod", .. rows.Select((r, i) => $"{r.Text}\t{Tasks.LabelsOf(Tasks.Sentiment)[r.Label]}\t{(i % 3 == 0 ? "2016test" : "2013train")}")]);
        var options = new TrainingOptions { Epochs = 3, Features = Some.SmallSpec };
        var result = TrainingRun.Execute(Tasks.Sentiment, [path], [], options, holdoutPeriod: "newest");
        Assert.Multiple(() =>
        {
            Assert.That(result.Rows, Is.EqualTo(40));
            Assert.That(result.Validation.Single().File, Is.EqualTo("period:2016test"));
            Assert.That(result.Validation.Single().Report.Count, Is.EqualTo(20));
            Assert.That(result.Model.Metadata.Metrics.Keys, Has.Some.StartsWith("period:2016test:"));
        });
    }
}
