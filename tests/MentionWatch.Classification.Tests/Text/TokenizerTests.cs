using MentionWatch.Classification.Tests.Support;

namespace MentionWatch.Classification.Tests.Text;

public sealed class TokenizerTests
{
    [TestCase("Check https://t.co/abc123 now", "check <url> now")]
    [TestCase("see www.example.com/x", "see <url>")]
    [TestCase("@PizzaHut where is my order", "<user> where is my order")]
    [TestCase("#BlackFriday deals", "blackfriday deals")]
    [TestCase("Sooooo GOOOOD", "soo+ good+")]
    [TestCase("ооочень круто", "оочень+ круто")]
    [TestCase("Ёлка ЁЖИК", "елка ежик")]
    [TestCase("Fish &amp; chips &lt;3 &#8230;", "fish chips <3 \u2026")]
    [TestCase("won't stop", "won't NOT_stop")]
    [TestCase("l'été café's 😀word", "l'été café's 😀 word")]
    [TestCase("žluťoučký ÜBER straße", "žluťoučký über straße")]
    public void Tokenize_SocialPost_NormalizesAsDocumented(string text, string expected) =>
        Assert.That(Some.Tokens(text), Is.EqualTo(expected));

    [Test]
    public void Tokenize_EmoticonsAndEmoji_BecomeSymbols()
    {
        Assert.That(Some.Tokens("great :) 😂😂 ❤️ :-( :D"), Is.EqualTo("great :) 😂 😂 ❤ :-( :d"));
    }

    [Test]
    public void Tokenize_RussianSmileRuns_KeepSignal()
    {
        Assert.That(Some.Tokens("спасибо))) ну вот(("), Is.EqualTo("спасибо )) ну вот (("));
    }

    [Test]
    public void Tokenize_Negation_EndsAtClausePunctuation()
    {
        Assert.That(Some.Tokens("not good at all, great later"), Is.EqualTo("not NOT_good NOT_at NOT_all | great later"));
        Assert.That(Some.Tokens("это не работает!"), Is.EqualTo("это не NOT_работает !"));
    }

    [Test]
    public void Tokenize_DigitsAndSkinTones_AreFolded()
    {
        Assert.That(Some.Tokens("order 12345 👍🏽 ok"), Is.EqualTo("order 00+ 👍 ok"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("\uD800 lone \uDC00 surrogates \uD83D")]
    [TestCase("&#xD800; &#99999999; &unknown; &")]
    public void Tokenize_MalformedInput_DoesNotThrow(string? text) =>
        Assert.That(() => Some.Tokens(text), Throws.Nothing);

    [Test]
    public void Tokenize_HugeInput_IsCutAtTheLimit()
    {
        var text = string.Concat(Enumerable.Repeat("word ", 20_000));
        var tokens = Some.Tokens(text).Split(' ');
        Assert.That(tokens, Has.Length.LessThanOrEqualTo(MentionWatch.Classification.Text.TokenBuffer.MaxInputChars / 5 + 1));
    }
}
