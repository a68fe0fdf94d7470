using MentionWatch.Core.Query;

namespace MentionWatch.Core.Tests.Query;

public sealed class TextNormalizerTests
{
    [Test]
    public void Normalize_MixedCaseAndYo_FoldsToLowerAndYe() =>
        Assert.That(TextNormalizer.Normalize("ЁЖИК Ёлка ACME"), Is.EqualTo("ежик елка acme"));

    [Test]
    public void Normalize_AlreadyNormal_ReturnsSameInstance()
    {
        const string text = "already normal text";

        Assert.That(TextNormalizer.Normalize(text), Is.SameAs(text));
    }

    [Test]
    public void Tokenize_PostText_SplitsWordsHashtagsAndHandles()
    {
        var tokens = TextNormalizer.Tokenize("Спасибо @Acme_Support за #ЧайникПро! C# mail@example.com don't");

        Assert.That(tokens.Words, Is.EqualTo(new[] { "спасибо", "acme_support", "за", "чайникпро", "c", "mail", "example", "com", "don", "t" }));
        Assert.That(tokens.Hashtags, Is.EqualTo(new[] { "чайникпро" }));
        Assert.That(tokens.Handles, Is.EqualTo(new[] { "acme_support" }));
    }

    [TestCase("@AcmeCorp", "acmecorp")]
    [TestCase(" EN ", "en")]
    [TestCase("pt-BR", "pt_br")]
    [TestCase("", "_")]
    public void FieldValue_RawValue_FoldsToOneToken(string raw, string expected) =>
        Assert.That(TextNormalizer.FieldValue(raw), Is.EqualTo(expected));
}
