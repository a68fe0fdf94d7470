using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests;

public sealed class PostClassifierTests
{
    private TempDirectory temp = null!;
    private PostClassifier classifier = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        temp = new TempDirectory();
        var (s, n) = Some.ModelFiles(temp.Path);
        classifier = PostClassifier.Load(s, n);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown() => temp.Dispose();

    [Test]
    public void Classify_ClearPosts_FollowTheTrainedCues()
    {
        var bad = classifier.Classify("the app is awful");
        var good = classifier.Classify("support is amazing");
        var complaint = classifier.Classify("@brand my order never came");
        Assert.Multiple(() =>
        {
            Assert.That(bad.Sentiment, Is.EqualTo("negative"));
            Assert.That(good.Sentiment, Is.EqualTo("positive"));
            Assert.That(complaint.NeedsReply, Is.True);
            Assert.That(bad.Language, Is.EqualTo("en"));
            Assert.That(bad.Negative + bad.Neutral + bad.Positive, Is.EqualTo(1f).Within(1e-4));
        });
    }

    [Test]
    public void Classify_SameAsSingleModelScoring()
    {
        var model = ModelFile.Read(Path.Combine(temp.Path, "sentiment.mwm"));
        const string text = "this phone is great :) but the delivery is terrible";
        var explained = Explainer.Explain(model, text, 3);
        var result = classifier.Classify(text);
        Assert.That(new[] { result.Negative, result.Neutral, result.Positive }, Is.EqualTo(explained.Probabilities).Within(1e-4));
    }

    [TestCase("@brand why was I charged twice @friend")]
    [TestCase("my order never came")]
    [TestCase("@a @b @c congrats on the launch")]
    public void Classify_NeedsReply_SameAsSingleModelScoring(string text)
    {
        var sentiment = ModelFile.Read(Path.Combine(temp.Path, "sentiment.mwm"));
        var needsReply = ModelFile.Read(Path.Combine(temp.Path, "needs-reply.mwm"));
        Assert.That(needsReply.Spec.Handles && !sentiment.Spec.Handles, Is.True, "the fixture pairs a handle-naming needs-reply model with a sentiment model without");
        var explained = Explainer.Explain(needsReply, text, 3);
        var result = classifier.Classify(text);
        Assert.That(result.NeedsReplyProbability, Is.EqualTo(explained.Probabilities[1]).Within(1e-4));
        var sentimentExplained = Explainer.Explain(sentiment, text, 3);
        Assert.That(new[] { result.Negative, result.Neutral, result.Positive }, Is.EqualTo(sentimentExplained.Probabilities).Within(1e-4));
    }

    private static IEnumerable<string?> BadInputs()
    {
        yield return null;
        yield return "";
        yield return "   \t\n ";
        yield return new string('x', 100_000);
        yield return string.Concat(Enumerable.Repeat("слово word 😀 ", 8_000));
        yield return "\uD800\uD800 broken \uDFFF\uD83D";
        yield return "😀😂🤣❤️👍🏽";
        yield return "https://t.co/AbCdEf123";
        yield return "&#0; &#xFFFF; &&&; ;;;";
        yield return "\0\u0001\u0002\u0003";
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Classify_BadInput_ReturnsValidResult(string? text)
    {
        var r = classifier.Classify(text);
        Assert.Multiple(() =>
        {
            Assert.That(new[] { "negative", "neutral", "positive" }, Does.Contain(r.Sentiment));
            Assert.That(new[] { "en", "ru", "other" }, Does.Contain(r.Language));
            Assert.That(float.IsFinite(r.NeedsReplyProbability) && float.IsFinite(r.Negative), Is.True);
        });
    }

    [Test]
    public void Classify_ManyThreads_MatchesSequentialResults()
    {
        var texts = Some.SentimentRows(50).Select(r => r.Text).ToArray();
        var expected = texts.Select(classifier.Classify).ToArray();
        var actual = new PostClassification[texts.Length];
        Parallel.For(0, texts.Length * 20, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int k = i % texts.Length;
            actual[k] = classifier.Classify(texts[k]);
        });
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Load_SwappedFiles_IsRefusedNamingTheFile()
    {
        string s = Path.Combine(temp.Path, "sentiment.mwm"), n = Path.Combine(temp.Path, "needs-reply.mwm");
        var e = Assert.Throws<ModelFormatException>(() => PostClassifier.Load(n, s))!;
        Assert.That(e.Message, Does.Contain(n).And.Contain("expected a 'sentiment' model"));
    }

    [Test]
    public void Load_DifferentFeatureSpecs_IsRefused()
    {
        var metadata = new ModelMetadata { Task = Tasks.NeedsReply, Labels = Tasks.LabelsOf(Tasks.NeedsReply) };
        var spec = Some.SmallSpec with { CharNgramMax = 3 };
        var other = Trainer.Train(FeaturizedSet.Build(Some.NeedsReplyRows(10), spec), metadata, new TrainingOptions { Epochs = 1, Features = spec });
        string path = temp.File("other.mwm");
        ModelFile.Write(path, other);
        var e = Assert.Throws<ModelFormatException>(() => PostClassifier.Load(Path.Combine(temp.Path, "sentiment.mwm"), path))!;
        Assert.That(e.Message, Does.Contain("feature spec"));
    }

    [Test]
    public void Load_StackedNeedsReplyWithOtherSentimentModel_IsRefused()
    {
        var sentiment = ModelFile.Read(Path.Combine(temp.Path, "sentiment.mwm"));
        var data = FeaturizedSet.Build(Some.NeedsReplyRows(20), Some.SmallSpec).WithSentiment(sentiment);
        var metadata = new ModelMetadata { Task = Tasks.NeedsReply, Labels = Tasks.LabelsOf(Tasks.NeedsReply), StackedOnSentimentVersion = "sentiment-v1-00000000" };
        var stacked = Trainer.Train(data, metadata, new TrainingOptions { Epochs = 2, Features = Some.SmallSpec });
        Assert.That(stacked.StacksSentiment, Is.True);
        string path = temp.File("stacked.mwm");
        ModelFile.Write(path, stacked);
        var e = Assert.Throws<ModelFormatException>(() => PostClassifier.Load(Path.Combine(temp.Path, "sentiment.mwm"), path))!;
        Assert.That(e.Message, Does.Contain("sentiment-v1-00000000").And.Contain("retrain"));
    }

    [Test]
    public void Versions_ComeFromTheFiles()
    {
        Assert.That(classifier.SentimentModelVersion, Does.StartWith("sentiment-v1-"));
        Assert.That(classifier.NeedsReplyModelVersion, Does.StartWith("needs-reply-v1-"));
    }
}
