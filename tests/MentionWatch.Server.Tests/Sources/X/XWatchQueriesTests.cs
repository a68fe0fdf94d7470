using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit.Query;
using MentionWatch.Server.Sources.X;

namespace MentionWatch.Server.Tests.Sources.X;

/// <summary>Watch queries as users write them, parsed by the shared QueryParser, then translated for X.</summary>
[TestFixture]
public sealed class XWatchQueriesTests
{
    private static QueryTranslation Translate(string query) => XWatchQueries.Translate(new Watch("w", query, [], []));

    [TestCase("acme", "acme")]
    [TestCase("Acme OR \"Acme Mobile\"", "acme OR \"acme mobile\"")]
    [TestCase("(acme OR #acmefail) -from:AcmeMobile lang:ru", "(acme OR #acmefail) -from:acmemobile lang:ru")]
    [TestCase("@AcmeSupport NOT (job OR hiring)", "@acmesupport -job -hiring")]
    [TestCase("акма AND банк", "акма банк")]
    [TestCase("Брюбёрд AND кофе", "(брюберд OR брюбёрд) (кофе OR кофё)")]
    [TestCase("acme source:x", "acme")]
    public void Translate_QueryLanguage_BecomesXOperators(string query, string expected)
    {
        var result = Translate(query);

        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.Translated), result.Reason);
        Assert.That(result.Query, Is.EqualTo(expected));
    }

    [Test]
    public void Translate_WatchForAnotherSource_IsNotPolled()
    {
        var result = Translate("acme source:demo");

        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.OtherSource));
        Assert.That(result.Reason, Does.Contain("source:demo"));
    }

    [Test]
    public void Translate_QueryThatDoesNotParse_IsNotExpressibleWithThePosition()
    {
        var result = Translate("(acme OR globex");

        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.NotExpressible));
        Assert.That(result.Reason, Does.Contain("does not parse at position"));
    }

    [Test]
    public void Translate_PrefixTerm_IsNotExpressible()
    {
        Assert.That(Translate("acme refund*").Reason, Does.Contain("prefix"));
    }
}
