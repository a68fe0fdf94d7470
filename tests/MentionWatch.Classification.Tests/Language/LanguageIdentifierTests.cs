using MentionWatch.Classification.Language;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Language;

public sealed class LanguageIdentifierTests
{
    [TestCase("My order still hasn't arrived and nobody answers", "en")]
    [TestCase("lol this is so funny", "en")]
    [TestCase("Не могу дозвониться до оператора уже третий день", "ru")]
    [TestCase("@sberbank очередная разводка", "ru")]
    [TestCase("El servicio de esta empresa es muy malo y no responden", "other")]
    [TestCase("Der Kundenservice ist nicht erreichbar und das ist ärgerlich", "other")]
    [TestCase("Le service client ne répond pas depuis une semaine", "other")]
    [TestCase("Це дуже погано, ніхто не відповідає", "other")]
    [TestCase("これは素晴らしい製品です", "other")]
    [TestCase("😂😂😂", "other")]
    [TestCase("", "other")]
    public void Detect_Sample_ReturnsLanguage(string text, string expected) =>
        Assert.That(LanguageIdentifier.Detect(text), Is.EqualTo(expected));

    [TestCase("sentiment/en/val.tsv", "en", 0.95)]
    [TestCase("sentiment/ru/val.tsv", "ru", 0.95)]
    public void Detect_ValidationFile_MostPostsGetTheFileLanguage(string file, string language, double minimum)
    {
        var rows = TsvReader.Read(SharedData.File(file), Tasks.LabelsOf(Tasks.Sentiment));
        double accuracy = rows.Count(r => LanguageIdentifier.Detect(r.Text) == language) / (double)rows.Count;
        TestContext.Out.WriteLine($"{file}: {accuracy:P2} detected as {language}");
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(minimum));
    }
}
