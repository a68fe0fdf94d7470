using MentionWatch.Core.Domain;
using MentionWatch.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Tests.Pipeline;

/// <summary>
/// The normalizer returns a post that needs no change as it is (no copy per ingested post) and still fixes any one
/// field that does need it.
/// </summary>
[TestFixture]
public sealed class PostNormalizerTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
    private readonly PostNormalizer _normalizer = new(Options.Create(new PipelineOptions()), TimeProvider.System);

    private static Post Clean() => new("forum", "p-1", "Café voltik is down again", Created,
        new Author("a-1", "someone", "Some One", 12), Url: "https://forum.example/p-1", Lang: "fr", InReplyTo: "p-0", RepostOf: null);

    [Test]
    public void Normalize_CleanPost_ReturnsTheSamePost()
    {
        var post = Clean();

        Assert.That(_normalizer.Normalize(post), Is.SameAs(post));
    }

    [Test]
    public void Normalize_OnlyTheAuthorNamePadded_CopiesWithTheNameTrimmed()
    {
        var post = Clean() with { Author = Clean().Author with { Name = " Some One " } };

        var normalized = _normalizer.Normalize(post);

        Assert.That(normalized, Is.Not.SameAs(post));
        Assert.That(normalized.Author.Name, Is.EqualTo("Some One"));
        Assert.That(normalized with { Author = post.Author }, Is.EqualTo(post with { Author = post.Author }));
    }

    [Test]
    public void Normalize_OnlyTheOffsetNotUtc_CopiesTheSameInstantInUtc()
    {
        var post = Clean() with { CreatedAt = Created.ToOffset(TimeSpan.FromHours(3)) };

        var normalized = _normalizer.Normalize(post);

        Assert.That(normalized.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(normalized.CreatedAt, Is.EqualTo(Created));
    }

    [TestCase("FR", "fr")]
    [TestCase(" en-GB ", "en")]
    [TestCase("pt_BR", "pt")]
    public void Normalize_Lang_KeepsThePrimarySubtagLowerCase(string sent, string stored)
    {
        Assert.That(_normalizer.Normalize(Clean() with { Lang = sent }).Lang, Is.EqualTo(stored));
    }

    [TestCase("english")]
    [TestCase("e1")]
    [TestCase("-en")]
    public void Normalize_LangNotACode_Rejected(string sent)
    {
        Assert.Throws<PostRejectedException>(() => _normalizer.Normalize(Clean() with { Lang = sent }));
    }
}
