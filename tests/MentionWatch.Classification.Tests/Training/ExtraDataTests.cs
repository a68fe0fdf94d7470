using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class ExtraDataTests
{
    private TempDirectory temp = null!;

    [SetUp]
    public void SetUp() => temp = new TempDirectory();

    [TearDown]
    public void TearDown() => temp.Dispose();

    [Test]
    public void Read_NewsKey_RelabelsLinksAndRepostsWhateverTheirSentiment()
    {
        string path = temp.File("sentiment.tsv");
        File.WriteAllText(path, "text\tlabel\n" +
            "мтс опять списал деньги\tnegative\n" +
            "Минюст США заблокировал счета МТС http://t.co/x\tnegative\n" +
            "RT @news: банк упал\tnegative\n" +
            "спасибо за помощь\tpositive\n");
        var labels = Tasks.LabelsOf(Tasks.NeedsReply);
        var plain = ExtraData.Read([path], "negative=1,neutral=0,positive=0", labels);
        var filtered = ExtraData.Read([path], "negative=1,neutral=0,positive=0,news=0", labels);
        Assert.That(plain.Select(r => r.Label), Is.EqualTo(new[] { 1, 1, 1, 0 }));
        Assert.That(filtered.Select(r => r.Label), Is.EqualTo(new[] { 1, 0, 0, 0 }));
    }

    [Test]
    public void Read_MapWithAFileLabelledForBothTasks_ReadsThatFileByItsOwnNeedsReplyColumn()
    {
        string sentimentOnly = temp.File("sentiment.tsv"), both = temp.File("both.tsv");
        File.WriteAllText(sentimentOnly, "text\tlabel\nмтс опять списал деньги\tnegative\n");
        // Negative but nothing to answer: the map would say 1, the file's own needs_reply column says 0.
        File.WriteAllText(both, "text\tlang\tsentiment\tneeds_reply\tcategory\nthis bank is the worst, everyone knows it\ten\tnegative\t0\tneg_opinion\n");
        var rows = ExtraData.Read([sentimentOnly, both], "negative=1,neutral=0,positive=0", Tasks.LabelsOf(Tasks.NeedsReply));
        Assert.That(rows.Select(r => r.Label), Is.EqualTo(new[] { 1, 0 }));
    }

    [Test]
    public void Read_BadMapEntry_SaysWhatIsExpected()
    {
        string path = temp.File("sentiment.tsv");
        File.WriteAllText(path, "text\tlabel\nx\tnegative\n");
        var e = Assert.Throws<ArgumentException>(() => ExtraData.Read([path], "negative=yes", Tasks.LabelsOf(Tasks.NeedsReply)))!;
        Assert.That(e.Message, Does.Contain("negative=yes").And.Contain("source=target"));
    }

    [Test]
    public void Read_PerFileWeightsAndWhereFilter_WeighRowsByFileAndKeepMatchingRows()
    {
        string a = temp.File("a.tsv"), b = temp.File("b.tsv");
        File.WriteAllText(a, "text\tlabel\tsource\nfrom twitter\tnegative\ttwitter\nfrom a blog\tpositive\tlj\n");
        File.WriteAllText(b, "text\tlabel\nno source column\tneutral\n");
        var rows = ExtraData.Read([a, b], null, Tasks.LabelsOf(Tasks.Sentiment), "source=twitter", ExtraWeights.PerFile([0.25f, 0.5f], 2));
        Assert.That(rows.Select(r => (r.Text, r.Weight)), Is.EqualTo(new[] { ("from twitter", 0.25f), ("no source column", 0.5f) }));
    }

    [Test]
    public void Read_PerFileFilterSuffix_GivesEachPartOfOneFileItsOwnWeight()
    {
        string both = temp.File("both.tsv");
        File.WriteAllText(both, "text\tlang\tsentiment\tneeds_reply\n" +
            "my card is blocked\ten\tnegative\t1\n" +
            "карта заблокирована\tru\tnegative\t1\n");
        var rows = ExtraData.Read([both + "#lang=ru", both + "#lang=en"], null, Tasks.LabelsOf(Tasks.NeedsReply), fileWeights: [0.25f, 0.5f]);
        Assert.That(rows.Select(r => (r.Text, r.Weight)), Is.EqualTo(new[] { ("карта заблокирована", 0.25f), ("my card is blocked", 0.5f) }));
        Assert.That(ExtraData.SplitFilter("data/a#b.tsv"), Is.EqualTo(("data/a#b.tsv", (string?)null)), "a '#' without column=value is part of the name");
    }

    [Test]
    public void Read_MapWithAFileOfTheTasksOwnLabels_ReadsThatFileUnmapped()
    {
        string sentiment = temp.File("sentiment.tsv"), complaints = temp.File("complaints.tsv");
        File.WriteAllText(sentiment, "text\tlabel\nмтс опять списал деньги\tnegative\n");
        // A link would make the news rule say 0; the file's own label stays.
        File.WriteAllText(complaints, "text\tlabel\n@bank charged twice http://t.co/x\t1\nnice weather\t0\n");
        var rows = ExtraData.Read([sentiment, complaints], "negative=1,neutral=0,positive=0,news=0", Tasks.LabelsOf(Tasks.NeedsReply));
        Assert.That(rows.Select(r => r.Label), Is.EqualTo(new[] { 1, 1, 0 }));
        // Without a label column, a file's sentiment column is still mapped.
        string sentimentColumn = temp.File("sentiment-column.tsv");
        File.WriteAllText(sentimentColumn, "text\tsentiment\nопять не работает\tnegative\n");
        Assert.That(ExtraData.Read([sentimentColumn], "negative=1,neutral=0,positive=0", Tasks.LabelsOf(Tasks.NeedsReply)).Single().Label, Is.EqualTo(1));
    }

    [Test]
    public void PerFile_WrongCount_Throws() =>
        Assert.Throws<ArgumentException>(() => ExtraWeights.PerFile([0.1f, 0.2f], 3));

    [Test]
    public void Read_LabelOverlay_ReadsOnlyTheLabelledRowsWithTheTeamsLabelsAndNoMap()
    {
        string source = temp.File("brands.tsv"), overlay = temp.File("overlay.tsv");
        File.WriteAllText(source, "text\tlabel\n" +
            "мтс опять списал деньги\tnegative\n" +
            "Сбербанк горите в аду\tnegative\n" +
            "@ru_mts как отключить подписку?\tneutral\n");
        // The map would make the first row 1 and the question 0; the team's labels say otherwise, and row 2 is not labelled.
        File.WriteAllText(overlay, $"id\tneeds_reply\n{LabelOverlay.IdOf("@ru_mts как отключить подписку?")}\t1\n{LabelOverlay.IdOf(" мтс опять списал деньги ")}\t0\n");
        var rows = ExtraData.Read([source + "#labels=" + overlay], "negative=1,neutral=0,positive=0", Tasks.LabelsOf(Tasks.NeedsReply), fileWeights: [0.3f]);
        Assert.That(rows.Select(r => (r.Text, r.Label, r.Weight)), Is.EqualTo(new[] { ("мтс опять списал деньги", 0, 0.3f), ("@ru_mts как отключить подписку?", 1, 0.3f) }));
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 4 }), "rows keep the source's line numbers");
    }

    [Test]
    public void Read_LabelOverlayWithAnIdTheSourceLacks_FailsNamingBothFiles()
    {
        string source = temp.File("brands.tsv"), overlay = temp.File("overlay.tsv");
        File.WriteAllText(source, "text\tlabel\nмтс опять списал деньги\tnegative\n");
        File.WriteAllText(overlay, $"id\tneeds_reply\n{LabelOverlay.IdOf("мтс опять списал деньги")}\t1\n0123456789abcdef\t0\n");
        var e = Assert.Throws<DataFormatException>(() => ExtraData.Read([source + "#labels=" + overlay], null, Tasks.LabelsOf(Tasks.NeedsReply)))!;
        Assert.That(e.Message, Does.Contain("1 of its 2 ids are not in").And.Contain(source).And.Contain(overlay));
        File.WriteAllText(overlay, $"id\tneeds_reply\n{LabelOverlay.IdOf("мтс опять списал деньги")}\tmaybe\n");
        Assert.That(Assert.Throws<DataFormatException>(() => ExtraData.Read([source + "#labels=" + overlay], null, Tasks.LabelsOf(Tasks.NeedsReply)))!.Message,
            Does.Contain("overlay.tsv:2: unknown label 'maybe'"));
    }

    [Test]
    public void Read_OverlayWithWeights_GivesEachPostOneRow_ItsWeightsAsTargetsAndTheirSumTimesTheFileWeight()
    {
        string source = temp.File("tweets.tsv"), overlay = temp.File("soft.tsv");
        File.WriteAllText(source, "text\tlabel\nmy flight got cancelled again\tnegative\nnew phone day\tpositive\n");
        string cancelled = LabelOverlay.IdOf("my flight got cancelled again"), phone = LabelOverlay.IdOf("new phone day");
        File.WriteAllText(overlay, $"id\tsentiment\tweight\n{cancelled}\tnegative\t0.8\n{cancelled}\tneutral\t0.2\n{phone}\tpositive\t1\n");
        var rows = ExtraData.Read([source + "#labels=" + overlay], null, Tasks.LabelsOf(Tasks.Sentiment), fileWeights: [0.5f]);
        Assert.That(rows.Select(r => (r.Text, r.Label, r.Weight)),
            Is.EqualTo(new[] { ("my flight got cancelled again", 0, 0.5f), ("new phone day", 2, 0.5f) }));
        Assert.That(rows[0].Targets, Is.EqualTo(new[] { 0.8f, 0.2f, 0f }).Within(1e-6f));
        Assert.That(rows[1].Targets, Is.EqualTo(new[] { 0f, 0f, 1f }));
    }

    [Test]
    public void Read_OverlayWithWeights_RefusesABadWeightAndALabelGivenTwice()
    {
        string source = temp.File("tweets.tsv"), overlay = temp.File("soft.tsv");
        File.WriteAllText(source, "text\tlabel\nnew phone day\tpositive\n");
        string phone = LabelOverlay.IdOf("new phone day");
        File.WriteAllText(overlay, $"id\tsentiment\tweight\n{phone}\tpositive\t1.5\n");
        Assert.That(Assert.Throws<DataFormatException>(() => ExtraData.Read([source + "#labels=" + overlay], null, Tasks.LabelsOf(Tasks.Sentiment)))!.Message,
            Does.Contain("soft.tsv:2: weight '1.5' is not a number in (0, 1]"));
        File.WriteAllText(overlay, $"id\tsentiment\tweight\n{phone}\tpositive\t0.5\n{phone}\tpositive\t0.5\n");
        Assert.That(Assert.Throws<DataFormatException>(() => ExtraData.Read([source + "#labels=" + overlay], null, Tasks.LabelsOf(Tasks.Sentiment)))!.Message,
            Does.Contain("soft.tsv:3: id '" + phone + "' has label 'positive' twice"));
        File.WriteAllText(overlay, $"id\tsentiment\n{phone}\tpositive\n{phone}\tneutral\n");
        Assert.That(Assert.Throws<DataFormatException>(() => ExtraData.Read([source + "#labels=" + overlay], null, Tasks.LabelsOf(Tasks.Sentiment)))!.Message,
            Does.Contain("soft.tsv:3: id '" + phone + "' appears twice"));
    }
}
