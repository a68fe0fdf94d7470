using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Model;

/// <summary>The production-like evaluation set in models/eval is well-formed and keeps away from the demo brands.</summary>
public sealed class BrandSupportSetTests
{
    private static List<BrandSupportPost> Posts() =>
        BrandSupportSet.Read(Path.Combine(SharedData.RepositoryRoot(), "models", "eval", "brand-support.tsv"));

    [Test]
    public void Read_ShippedSet_HasBothLanguagesAndEveryCategory()
    {
        var posts = Posts();
        Assert.Multiple(() =>
        {
            Assert.That(posts, Has.Count.GreaterThanOrEqualTo(400));
            Assert.That(posts.Count(p => p.Language == "en"), Is.GreaterThanOrEqualTo(180));
            Assert.That(posts.Count(p => p.Language == "ru"), Is.GreaterThanOrEqualTo(180));
            Assert.That(posts.Select(p => p.Category).Distinct(), Is.SupersetOf(new[]
                { "complaint", "question", "noqmark", "request", "sarcasm", "followup", "praise_support", "praise", "news", "promo", "brand", "chatter" }));
            Assert.That(posts.Select(p => p.Text).Distinct().Count(), Is.EqualTo(posts.Count), "duplicate posts");
        });
    }

    [Test]
    public void Read_ShippedSet_NeverNamesTheDemoBrands() =>
        Assert.That(Posts().Select(p => p.Text.ToLowerInvariant()), Has.None.Contains("voltik").And.None.Contains("skootr").And.None.Contains("brewbird"));

    [Test]
    public void Read_BadLabel_NamesTheLine()
    {
        using var temp = new TempDirectory();
        string path = temp.File("bad.tsv");
        File.WriteAllText(path, "text\tlang\tsentiment\tneeds_reply\tcategory\nhello\ten\tneutral\tyes\tchatter\n");
        var e = Assert.Throws<DataFormatException>(() => BrandSupportSet.Read(path))!;
        Assert.That(e.Message, Does.Contain(":2:").And.Contain("needs_reply"));
    }
}
