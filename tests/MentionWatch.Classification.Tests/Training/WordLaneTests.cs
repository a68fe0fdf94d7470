using MentionWatch.Classification.Features;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Text;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class WordLaneTests
{
    private TempDirectory temp = null!;

    [SetUp]
    public void SetUp() => temp = new TempDirectory();

    [TearDown]
    public void TearDown() => temp.Dispose();

    [TestCase("word\tnegative\tneutral\tpositive\n", ":1: a lane file's header is 'token'")]
    [TestCase("token\tnegative\tneutral\tpositive\ngood\t1\t2\n", ":2: 3 fields, the header has 4")]
    [TestCase("token\tnegative\tneutral\tpositive\ngood\t1\tNaN\t2\n", ":2: 'NaN' in column 'neutral' is not a number")]
    [TestCase("token\tnegative\tneutral\tpositive\ngood\t1\t0\t2\ngood\t1\t0\t2\n", ":3: the token 'good' appears twice")]
    public void Read_ABrokenFile_FailsNamingFileAndLine(string content, string expected)
    {
        string path = temp.File("lane.tsv");
        File.WriteAllText(path, content);

        var e = Assert.Throws<DataFormatException>(() => WordLane.Read(path, 1f));

        Assert.That(e!.Message, Does.StartWith(path).And.Contain(expected));
    }

    [Test]
    public void InOrder_ReordersColumnsToTheModelsLabels_AndRefusesAModelItDoesNotFit()
    {
        var lane = WordLane.Read(WriteLane(("#bias", [0.1f, 0.2f, 0.3f]), ("zyzzyva", [3f, 0f, -3f])), 1f);

        var ordered = lane.InOrder(["positive", "negative", "neutral"]);

        Assert.That(ordered.Words.Single().Logits, Is.EqualTo(new[] { -3f, 3f, 0f }));
        Assert.That(ordered.Bias, Is.EqualTo(new[] { 0.3f, 0.1f, 0.2f }));
        Assert.That(() => lane.InOrder(["positive", "negative", "mixed"]), Throws.ArgumentException.With.Message.Contains("no column 'mixed'"));
        Assert.That(() => lane.InOrder(["0", "1"]), Throws.ArgumentException.With.Message.Contains("softmax model"));
        Assert.That(() => WordLane.Read(temp.File("lane.tsv"), 11f), Throws.ArgumentException.With.Message.Contains("--lane-weight 11"));
    }

    [Test]
    public void Training_AddsWeightTimesTheWordsLogits_ToEveryPostWithThatWord_AndLeavesOtherPostsAlone()
    {
        // "zyzzyva" never occurs in the training rows: only the lane can give it a sentiment.
        var rows = Some.SentimentRows(40);
        var options = new TrainingOptions { Epochs = 3, Features = Some.SmallSpec };
        var metadata = () => new ModelMetadata { Task = Tasks.Sentiment, Labels = Tasks.LabelsOf(Tasks.Sentiment), TrainingFiles = ["synthetic"] };
        string lane = WriteLane(("#bias", [0f, 0f, 0f]), ("zyzzyva", [-4f, 0f, 4f]));

        var plain = Trainer.Train(FeaturizedSet.Build(rows, Some.SmallSpec), metadata(), options);
        var laned = Trainer.Train(FeaturizedSet.Build(rows, Some.SmallSpec), metadata(), options with { Lane = WordLane.Read(lane, 0.5f) });

        const string withWord = "the delivery zyzzyva", without = "the delivery arrived";
        var (shift, wordValue) = (Margin(laned, withWord) - Margin(plain, withWord), WordValue(withWord));
        // Positive minus negative logit: 0.5 × (4 − (−4)) × the post's word-block value, up to 8-bit rounding of the weights.
        Assert.That(shift, Is.EqualTo(0.5f * 8f * wordValue).Within(0.15f));
        Assert.That(Margin(laned, without) - Margin(plain, without), Is.EqualTo(0f).Within(0.15f));
        Assert.That(laned.Metadata.Trainer, Does.ContainKey("laneWeight").And.ContainKey("laneWords"));
    }

    private string WriteLane(params (string Token, float[] Logits)[] rows)
    {
        string path = temp.File("lane.tsv");
        File.WriteAllLines(path, rows.Select(r => r.Token + "\t" + string.Join('\t', r.Logits.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Prepend("token\tnegative\tneutral\tpositive"));
        return path;
    }

    private static float Margin(LinearModel model, string text)
    {
        var buckets = FeatureBuffers.Current;
        int n = FeatureBuffers.Featurize(text, model.Spec, TokenBuffer.Current, buckets);
        Span<float> logits = stackalloc float[3];
        model.Logits(buckets.AsSpan(0, n), LinearModel.BiasRow("en"), logits);
        return logits[Array.IndexOf(model.Labels, "positive")] - logits[Array.IndexOf(model.Labels, "negative")];
    }

    private static float WordValue(string text)
    {
        var buckets = FeatureBuffers.Current;
        int n = FeatureBuffers.Featurize(text, Some.SmallSpec, TokenBuffer.Current, buckets);
        var (nw, nc) = Some.SmallSpec.Counts(buckets.AsSpan(0, n));
        return Some.SmallSpec.BlockValues(nw, nc).Word;
    }
}
