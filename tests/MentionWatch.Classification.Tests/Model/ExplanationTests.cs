using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;

namespace MentionWatch.Classification.Tests.Model;

public sealed class ExplanationTests
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
    public void Explain_FlaggedComplaint_GivesReasonsInWordsAndTheSameScores()
    {
        const string text = "@brand my order never came";
        var explanation = classifier.Explain(text, top: 4);
        var scored = classifier.Classify(text);
        Assert.Multiple(() =>
        {
            Assert.That(explanation.NeedsReply, Is.True);
            Assert.That(explanation.NeedsReplyProbability, Is.EqualTo(scored.NeedsReplyProbability).Within(1e-3));
            Assert.That(explanation.Sentiment, Is.EqualTo(scored.Sentiment));
            Assert.That(explanation.NeedsReplyReasons, Is.Not.Empty);
            Assert.That(explanation.NeedsReplyReasons.Count, Is.LessThanOrEqualTo(4));
            Assert.That(explanation.NeedsReplyReasons.Select(r => r.Description),
                Has.Some.Matches<string>(d => d is "the word 'order'" or "the word 'never'" or "the word 'came'" or "the phrase 'never came'" or "ends with 'came'"));
            Assert.That(explanation.NeedsReplyReasons.Concat(explanation.SentimentReasons).Select(r => r.Description),
                Has.None.Matches<string>(d => d.StartsWith("w:") || d.StartsWith("b:") || d.StartsWith("c")));
            Assert.That(explanation.NeedsReplyReasons.Select(r => r.Contribution), Is.Ordered.Descending);
            Assert.That(explanation.NeedsReplyReasons.Select(r => r.Description), Is.Unique);
        });
    }

    [Test]
    public void Explain_ZeroTop_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Explain("hi", top: 0));

    [TestCase("w:refund", null, "the word 'refund'")]
    [TestCase("w:NOT_working", null, "negation: not working")]
    [TestCase("w:?", "@northpeakbank", "a question addressed to @northpeakbank")]
    [TestCase("w:?", null, "a question mark")]
    [TestCase("w:!!", null, "exclamation marks")]
    [TestCase("w:<url>", null, "a link")]
    [TestCase("b:<s> <user>", null, "starts by addressing an account (@...)")]
    [TestCase("b:not working", null, "the phrase 'not working'")]
    [TestCase("b:верните </s>", null, "ends with 'верните'")]
    [TestCase("b:<break> lovely", null, "a sentence that starts with 'lovely'")]
    [TestCase("h:@orbitelcares", null, "addressed to @orbitelcares")]
    [TestCase("cw:refunded", null, "the word 'refunded'")]
    [TestCase("s:кредит", null, "words with the stem 'кредит'")]
    [TestCase("<sentiment stack>", null, "the post's overall sentiment")]
    public void Describe_FeatureName_ReadsAsWords(string feature, string? handle, string expected) =>
        Assert.That(FeatureWords.Describe(feature, handle), Is.EqualTo(expected));
}
