using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class TsvReaderTests
{
    private TempDirectory temp = null!;

    [SetUp]
    public void SetUp() => temp = new TempDirectory();

    [TearDown]
    public void TearDown() => temp.Dispose();

    [Test]
    public void Read_ValidFile_ReadsRowsAndExtraColumns()
    {
        string path = Write("label\ttext\tdomain\n1\tmy card is blocked\tbank\n0\tnice day\trandom\n");
        var rows = TsvReader.Read(path, ["0", "1"]);
        Assert.That(rows.Select(r => (r.Text, r.Label, r.Line)), Is.EqualTo(new[] { ("my card is blocked", 1, 2), ("nice day", 0, 3) }));
    }

    [TestCase("", ":1: file is empty")]
    [TestCase("text\tlabel\n", ":1: file has a header but no data rows")]
    [TestCase("text\tscore\nhello\tpositive\n", ":1: header must have 'text' and 'label' (or 'sentiment')")]
    [TestCase("text\tlabel\nfine\tpositive\nbroken line\n", ":3: expected at least 2 tab-separated columns")]
    [TestCase("text\tlabel\nfine\tpositive\nodd\tmixed\n", ":3: unknown label 'mixed'")]
    public void Read_BadFile_NamesFileAndLine(string content, string expected)
    {
        string path = Write(content);
        var e = Assert.Throws<DataFormatException>(() => TsvReader.Read(path, Tasks.LabelsOf(Tasks.Sentiment)))!;
        Assert.That(e.Message, Does.StartWith(path).And.Contain(expected));
    }

    [Test]
    public void Read_FileLabelledForBothTasks_ReadsEachTaskFromItsOwnColumn()
    {
        string path = Write("text\tlang\tsentiment\tneeds_reply\tcategory\nrefund me now\ten\tnegative\t1\trequest\nlove the new app\ten\tpositive\t0\tpraise\n");
        var sentiment = TsvReader.Read(path, Tasks.LabelsOf(Tasks.Sentiment));
        var needsReply = TsvReader.Read(path, Tasks.LabelsOf(Tasks.NeedsReply));
        Assert.Multiple(() =>
        {
            Assert.That(sentiment.Select(r => r.Label), Is.EqualTo(new[] { 0, 2 }));
            Assert.That(needsReply.Select(r => r.Label), Is.EqualTo(new[] { 1, 0 }));
            Assert.That(TsvReader.HasTaskColumn(path, Tasks.LabelsOf(Tasks.NeedsReply)), Is.True);
        });
    }

    private string Write(string content)
    {
        string path = temp.File("data.tsv");
        File.WriteAllText(path, content);
        return path;
    }
}
