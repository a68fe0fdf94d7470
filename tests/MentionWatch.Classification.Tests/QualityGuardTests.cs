using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests;

/// <summary>
/// Regression floors of the shipped models in models/: each test passes or fails, nothing is a warning.
/// Validation and cross-validation tests need ../shared/data and are skipped with a message without it;
/// the brand-support tests use the set committed in models/eval. Issue targets that are still missed are
/// reported figures, not tests: `mentionwatch eval --suite` prints every figure with its target and gap.
/// </summary>
[Category("Quality")]
public sealed class QualityGuardTests
{
    private static LinearModel Shipped(string name)
    {
        string path = Path.Combine(SharedData.RepositoryRoot(), "models", name);
        Assert.That(File.Exists(path), Is.True, $"shipped model missing: {path}");
        return ModelFile.Read(path);
    }

    /// <summary>The shipped needs-reply recipe: the task's defaults with the shipped file's features (it was trained with --lexicon).</summary>
    private static TrainingOptions ShippedNeedsReplyOptions() => TaskDefaults.For(Shipped("needs-reply.mwm"));

    private static string InDomainFile() => Path.Combine(SharedData.RepositoryRoot(), TaskDefaults.InDomainFile);

    /// <summary>The labelled Russian brand tweets: skipped like every shared-data test when their source is absent.</summary>
    private static string BrandTweets()
    {
        SharedData.File(TaskDefaults.RussianBrandTweetSource);
        return TaskDefaults.RussianBrandTweets(SharedData.Root(), InDomainFile());
    }

    private static EvaluationReport Evaluate(LinearModel model, string file)
    {
        var rows = TsvReader.Read(SharedData.File(file), model.Labels);
        var report = Evaluator.Evaluate(model, FeaturizedSet.Build(rows, model.Spec));
        TestContext.Out.WriteLine($"{file}: macro-recall {report.MacroRecall:F4}, macro-F1 {report.MacroF1:F4}, accuracy {report.Accuracy:F4}");
        return report;
    }

    private static void Check(string what, double value, double floor)
    {
        TestContext.Out.WriteLine($"{what}: {value:F4} (regression floor {floor})");
        Assert.That(value, Is.GreaterThanOrEqualTo(floor), $"{what} fell below its regression floor");
    }

    [Test]
    public void ShippedSentiment_EnglishValidation_MacroRecall() =>
        Check("EN sentiment macro-recall", Evaluate(Shipped("sentiment.mwm"), "sentiment/en/val.tsv").MacroRecall, QualityTargets.EnglishValMacroRecallFloor);

    [Test]
    public void ShippedSentiment_RussianValidation_MacroF1() =>
        Check("RU sentiment macro-F1", Evaluate(Shipped("sentiment.mwm"), "sentiment/ru/val.tsv").MacroF1, QualityTargets.RussianValMacroF1Floor);

    [Test]
    public void ShippedSettings_EnglishNeedsReply_FiveFoldF1()
    {
        var rows = TsvReader.Read(SharedData.File("needs_reply/en/complaints.tsv"), Tasks.LabelsOf(Tasks.NeedsReply));
        var cv = CrossValidation.Run(Tasks.NeedsReply, rows, TaskDefaults.NeedsReplyExtras(InDomainFile(), BrandTweets(), null), 5, ShippedNeedsReplyOptions(),
            stackOn: Shipped("sentiment.mwm"));
        Check("EN needs-reply 5-fold F1(1)", cv.Pooled.Classes["1"].F1, QualityTargets.EnglishNeedsReplyCvF1Floor);
    }

    [Test]
    public void ShippedSettings_RussianNeedsReply_FiveFoldF1()
    {
        var labels = Tasks.LabelsOf(Tasks.NeedsReply);
        var rows = TsvReader.Read(SharedData.File("needs_reply/ru/sentirueval_brands.tsv"), labels);
        var extra = TaskDefaults.NeedsReplyExtras(InDomainFile(), BrandTweets(), SharedData.File("sentiment/ru/sentirueval_brands.tsv"));
        var cv = CrossValidation.Run(Tasks.NeedsReply, rows, extra, 5, ShippedNeedsReplyOptions(), stackOn: Shipped("sentiment.mwm"));
        Check("RU needs-reply 5-fold F1(1)", cv.Pooled.Classes["1"].F1, QualityTargets.RussianNeedsReplyCvF1Floor);
    }

    [Test]
    public void ShippedModels_LoadTogetherQuickly()
    {
        string root = SharedData.RepositoryRoot();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var classifier = PostClassifier.Load(Path.Combine(root, "models", "sentiment.mwm"), Path.Combine(root, "models", "needs-reply.mwm"));
        TestContext.Out.WriteLine($"loaded in {clock.ElapsedMilliseconds} ms: {classifier.SentimentModelVersion}, {classifier.NeedsReplyModelVersion}");
        Assert.That(classifier.Classify("@bank my card was charged twice, please help").NeedsReply, Is.True);
    }

    private static (EvaluationReport Sentiment, EvaluationReport NeedsReply) BrandSupport(string language)
    {
        string root = SharedData.RepositoryRoot();
        var classifier = PostClassifier.Load(Path.Combine(root, "models", "sentiment.mwm"), Path.Combine(root, "models", "needs-reply.mwm"));
        var posts = BrandSupportSet.Read(Path.Combine(root, "models", "eval", "brand-support.tsv"));
        return BrandSupportSet.Evaluate(classifier, posts.Where(p => p.Language == language));
    }

    // Floors at the level the shipped pair reached on the production-like set (models/*.md), rounded down.
    [TestCase("en", QualityTargets.BrandSupportFloors.EnglishSentimentMacroF1, QualityTargets.BrandSupportFloors.EnglishNeedsReplyF1)]
    [TestCase("ru", QualityTargets.BrandSupportFloors.RussianSentimentMacroF1, QualityTargets.BrandSupportFloors.RussianNeedsReplyF1)]
    public void ShippedModels_BrandSupportSet_KeepTheirLevel(string language, double sentimentFloor, double needsReplyFloor)
    {
        var (sentiment, needsReply) = BrandSupport(language);
        Assert.Multiple(() =>
        {
            Check($"{language} brand-support sentiment macro-F1", sentiment.MacroF1, sentimentFloor);
            Check($"{language} brand-support needs-reply F1(1)", needsReply.Classes["1"].F1, needsReplyFloor);
        });
    }
}
