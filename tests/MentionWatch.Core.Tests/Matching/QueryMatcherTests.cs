using MentionWatch.Core.Matching;
using MentionWatch.Core.Query;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Matching;

public sealed class QueryMatcherTests
{
    [TestCase("acme -spam", "acme kettle", true)]
    [TestCase("acme -spam", "acme spam offer", false)]
    [TestCase("#acme OR \"support team\"", "the support team replied", true)]
    public void Matches_Post_AsWatchMatchingWould(string query, string text, bool expected)
    {
        Assert.That(new QueryMatcher(query).Matches(ContractData.Post(text)), Is.EqualTo(expected));
    }

    [Test]
    public void Matches_Mention_TestsTheStoredLanguageNotTheSourcesMissingOne()
    {
        var detected = ContractData.Mention(ContractData.Post("acme kettle", lang: null), lang: "de");

        Assert.Multiple(() =>
        {
            Assert.That(new QueryMatcher("acme lang:de").Matches(detected), Is.True);
            Assert.That(new QueryMatcher("acme lang:de").Matches(detected.Post), Is.False);
        });
    }

    [Test]
    public void Constructor_BadQuery_ThrowsTheSyntaxError()
    {
        Assert.Throws<QuerySyntaxException>(() => new QueryMatcher("(acme OR"));
    }
}
