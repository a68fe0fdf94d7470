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
    public void Read_BadMapEntry_SaysWhatIsExpected()
    {
        string path = temp.File("sentiment.tsv");
        File.WriteAllText(path, "text\tlabel\nx\tnegative\n");
        var e = Assert.Throws<ArgumentException>(() => ExtraData.Read([path], "negative=yes", Tasks.LabelsOf(Tasks.NeedsReply)))!;
        Assert.That(e.Message, Does.Contain("negative=yes").And.Contain("source=target"));
    }
}
