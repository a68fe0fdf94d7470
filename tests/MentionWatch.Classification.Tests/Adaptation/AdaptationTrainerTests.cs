using MentionWatch.Classification.Adaptation;
using MentionWatch.Classification.Tests.Support;

namespace MentionWatch.Classification.Tests.Adaptation;

/// <summary>Per-watch adaptation over the shipped models in models/: learnt from consistent corrections, refused for contradictory ones.</summary>
public sealed class AdaptationTrainerTests
{
    private PostClassifier shipped = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        string root = SharedData.RepositoryRoot();
        shipped = PostClassifier.Load(Path.Combine(root, "models", "sentiment.mwm"), Path.Combine(root, "models", "needs-reply.mwm"));
    }

    private static List<CorrectedPost> Corrections(int count, Func<int, string> text, string label) =>
        Enumerable.Range(0, count).Select(i => new CorrectedPost(text(i), label)).ToList();

    [Test]
    public void Train_ThirtyConsistentCorrections_FlipsSimilarUnseenPostsAndLeavesChatter()
    {
        var unseen = Enumerable.Range(100, 20).Select(i => WatchPosts.SarcasticComplaint(i * 7 + 3)).ToList();
        var before = unseen.Select(t => shipped.Classify(t)).ToList();
        TestContext.Out.WriteLine($"shipped on unseen sarcasm: {before.Count(c => c.Sentiment == "negative")}/20 negative, {before.Count(c => c.NeedsReply)}/20 need a reply");
        Assume.That(before.Count(c => c.Sentiment == "negative"), Is.LessThan(10), "the shipped model must misread the template for this test to mean anything");

        var others = Enumerable.Range(0, 30).Select(WatchPosts.Chatter).ToList();
        var result = AdaptationTrainer.Train(shipped, Corrections(30, WatchPosts.SarcasticComplaint, "negative"),
            Corrections(30, WatchPosts.SarcasticComplaint, "1"), others, new AdaptationSettings(), CancellationToken.None);
        TestContext.Out.WriteLine(result.Sentiment.Reason);
        TestContext.Out.WriteLine(result.NeedsReply.Reason);

        Assert.That(result.Sentiment.Used, Is.True, result.Sentiment.Reason);
        Assert.That(result.Sentiment.Adapted!.Accuracy, Is.GreaterThan(result.Sentiment.Shipped!.Accuracy));
        Assert.That(result.Sentiment.Adapted.MacroF1, Is.GreaterThan(result.Sentiment.Shipped.MacroF1));
        Assert.That(result.Sentiment.Folds, Is.EqualTo(5));
        Assert.That(result.Sentiment.DeltaBuckets, Is.InRange(1, 5000), "a sparse delta over the words the corrections contained");
        var adaptation = result.Adaptation!;
        Assert.That(adaptation.IsFor(shipped), Is.True);
        var after = unseen.Select(t => shipped.Classify(t, adaptation)).ToList();
        TestContext.Out.WriteLine($"adapted on unseen sarcasm: {after.Count(c => c.Sentiment == "negative")}/20 negative, {after.Count(c => c.NeedsReply)}/20 need a reply");
        Assert.That(after.Count(c => c.Sentiment == "negative"), Is.GreaterThanOrEqualTo(18), "unseen posts like the corrected ones follow the corrections");
        Assert.That(result.NeedsReply.Used, Is.True, result.NeedsReply.Reason);
        Assert.That(after.Count(c => c.NeedsReply), Is.GreaterThanOrEqualTo(18));
        var chatterChanged = others.Count(t => shipped.Classify(t).Sentiment != shipped.Classify(t, adaptation).Sentiment);
        var unseenChatter = Enumerable.Range(0, 30).Select(WatchPosts.OtherChatter).ToList();
        var unseenChatterChanged = unseenChatter.Count(t => shipped.Classify(t).Sentiment != shipped.Classify(t, adaptation).Sentiment);
        TestContext.Out.WriteLine($"chatter changed {chatterChanged}/30 (anchors) and {unseenChatterChanged}/30 (unseen), cross-validated changed share {result.Sentiment.ChangedShare}, delta buckets {result.Sentiment.DeltaBuckets}");
        // The cross-validated share estimates what the adaptation does to posts it never anchored on, so it is checked against
        // unseen chatter, not against the anchors themselves (which the final delta trained on and keeps). Session 14 measured
        // 0.30 estimated against 12/30 unseen; the session-13 model's estimate was 0.07 against 14/30, the reason for this check.
        Assert.That(result.Sentiment.ChangedShare, Is.EqualTo(unseenChatterChanged / 30.0).Within(0.15), "the report's changed share foretells unseen posts");
        Assert.That(chatterChanged, Is.LessThanOrEqualTo(6), "the anchors keep their shipped label");
    }

    [Test]
    public void Train_WithoutAnchors_LearnsThatTheWholeWatchIsNegative()
    {
        var others = Enumerable.Range(0, 30).Select(WatchPosts.Chatter).ToList();
        int Changed(float anchorWeight)
        {
            var result = AdaptationTrainer.Train(shipped, Corrections(30, WatchPosts.SarcasticComplaint, "negative"), [], others,
                new AdaptationSettings { AnchorWeight = anchorWeight }, CancellationToken.None);
            return others.Count(t => shipped.Classify(t).Sentiment != shipped.Classify(t, result.Adaptation).Sentiment);
        }
        int without = Changed(0f), with = Changed(new AdaptationSettings().AnchorWeight);
        TestContext.Out.WriteLine($"chatter posts whose sentiment changed: {without}/30 without anchors, {with}/30 with");
        Assert.That(with, Is.LessThan(without / 2), "anchors keep the brand's name from carrying the corrections' label");
    }

    [Test]
    public void Train_SamePostCorrectedBothWays_IsNotUsed()
    {
        const string post = "Took a voltik to work, it was a voltik ride";
        var sentiment = Corrections(10, _ => post, "negative").Concat(Corrections(10, _ => post, "neutral")).Concat(Corrections(10, _ => post, "positive")).ToList();
        var needsReply = Corrections(15, _ => post, "1").Concat(Corrections(15, _ => post, "0")).ToList();
        var result = AdaptationTrainer.Train(shipped, sentiment, needsReply, [], new AdaptationSettings(), CancellationToken.None);
        TestContext.Out.WriteLine(result.Sentiment.Reason);
        TestContext.Out.WriteLine(result.NeedsReply.Reason);
        Assert.Multiple(() =>
        {
            Assert.That(result.Adaptation, Is.Null);
            Assert.That(result.Sentiment.Used, Is.False);
            Assert.That(result.NeedsReply.Used, Is.False);
            Assert.That(result.Sentiment.Reason, Does.StartWith("not used"));
            Assert.That(result.Sentiment.Adapted!.Accuracy, Is.LessThanOrEqualTo(result.Sentiment.Shipped!.Accuracy));
        });
    }

    [Test]
    public void Train_TooFewCorrections_ReportsTheMinimum()
    {
        var result = AdaptationTrainer.Train(shipped, Corrections(19, WatchPosts.SarcasticComplaint, "negative"), [], [], new AdaptationSettings(), CancellationToken.None);
        Assert.That(result.Adaptation, Is.Null);
        Assert.That(result.Sentiment.Reason, Is.EqualTo("only 19 sentiment corrections; at least 20 are needed"));
        Assert.That(result.NeedsReply.Reason, Is.EqualTo("only 0 needs-reply corrections; at least 20 are needed"));
    }

    [Test]
    public void Train_UnknownLabelOrBadSettings_Throws()
    {
        Assert.Throws<ArgumentException>(() => AdaptationTrainer.Train(shipped, Corrections(20, WatchPosts.Chatter, "angry"), [], [], new AdaptationSettings(), CancellationToken.None));
        var bad = new AdaptationSettings { Folds = 1, MinCorrections = 0, LearningRate = 0 };
        var e = Assert.Throws<ArgumentException>(() => AdaptationTrainer.Train(shipped, [], [], [], bad, CancellationToken.None))!;
        Assert.That(e.Message, Does.Contain("Folds").And.Contain("MinCorrections").And.Contain("LearningRate"));
    }

    [Test]
    public void Classify_WithoutAdaptation_IsTheShippedScoreExactly()
    {
        var result = AdaptationTrainer.Train(shipped, Corrections(30, WatchPosts.SarcasticComplaint, "negative"), [], [], new AdaptationSettings(), CancellationToken.None);
        var text = WatchPosts.SarcasticComplaint(77);
        Assert.That(shipped.Classify(text, null), Is.EqualTo(shipped.Classify(text)));
        Assert.That(shipped.Classify(text, result.Adaptation), Is.Not.EqualTo(shipped.Classify(text)));
        Assert.That(shipped.Classify(text, result.Adaptation).NeedsReplyProbability, Is.EqualTo(shipped.Classify(text).NeedsReplyProbability),
            "a sentiment-only adaptation leaves needs-reply as shipped (its stack term reads the shipped sentiment)");
    }

    [Test]
    public void Bytes_RoundTrip_ScoresTheSameAndRefusesDamage()
    {
        var result = AdaptationTrainer.Train(shipped, Corrections(30, WatchPosts.SarcasticComplaint, "negative"),
            Corrections(30, WatchPosts.SarcasticComplaint, "1"), [], new AdaptationSettings(), CancellationToken.None);
        var bytes = result.Adaptation!.ToBytes();
        var read = ClassifierAdaptation.FromBytes("voltik", bytes);
        var text = WatchPosts.SarcasticComplaint(55);
        Assert.That(shipped.Classify(text, read), Is.EqualTo(shipped.Classify(text, result.Adaptation)));
        Assert.That(read.DeltaBuckets, Is.EqualTo(result.Adaptation.DeltaBuckets));
        bytes[bytes.Length / 2] ^= 0x40;
        var e = Assert.Throws<ModelFormatException>(() => ClassifierAdaptation.FromBytes("voltik", bytes))!;
        Assert.That(e.Message, Does.Contain("voltik").And.Contain("checksum"));
    }
}
