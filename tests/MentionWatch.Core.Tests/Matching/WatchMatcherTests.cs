using MentionWatch.Core.Domain;
using MentionWatch.Core.Matching;
using MentionWatch.Core.Query;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Matching;

public sealed class WatchMatcherTests
{
    private static bool Matches(string query, Post post) =>
        new WatchMatcher([ContractData.Watch("w", query)]).Match(post).Contains("w");

    private static bool Matches(string query, string text) => Matches(query, ContractData.Post(text));

    [TestCase("acme", "I love ACME!", true)]
    [TestCase("acme", "acmeware is different", false)]
    [TestCase("acme*", "acmeware is different", true)]
    [TestCase("чайник", "Новый ЧАЙНИК сломался", true)]
    [TestCase("ёлка", "Купили елку и ЕЛКА стоит", true)]
    [TestCase("елка", "ЁЛКА", true)]
    [TestCase("\"служба поддержки\"", "Служба поддержки не отвечает", true)]
    [TestCase("\"служба поддержки\"", "поддержки служба", false)]
    [TestCase("\"support team\"", "the support, team", true)]
    [TestCase("#acme", "loving #Acme today", true)]
    [TestCase("#acme", "loving acme today", false)]
    [TestCase("acme", "loving #acme today", true)]
    [TestCase("@acme", "thanks @ACME!", true)]
    [TestCase("@acme", "thanks acme", false)]
    [TestCase("acme -spam", "acme spam offer", false)]
    [TestCase("acme -spam", "acme kettle", true)]
    [TestCase("acme NOT (buy OR sale)", "acme sale today", false)]
    [TestCase("kettle OR чайник", "чайник", true)]
    [TestCase("-acme", "nothing here", true)]
    [TestCase("(a OR b) (c OR d)", "b and d", true)]
    [TestCase("(a OR b) (c OR d)", "b and e", false)]
    public void Match_QueryAgainstText_MatchesExpected(string query, string text, bool expected) =>
        Assert.That(Matches(query, text), Is.EqualTo(expected));

    [Test]
    public void Match_Fields_CompareLangSourceAndAuthor()
    {
        var post = ContractData.Post("acme news", source: "X", handle: "@Bob_1", lang: "EN");

        Assert.That(Matches("acme lang:en", post), Is.True);
        Assert.That(Matches("acme lang:ru", post), Is.False);
        Assert.That(Matches("source:x", post), Is.True);
        Assert.That(Matches("from:bob_1", post), Is.True);
        Assert.That(Matches("from:alice", post), Is.False);
        Assert.That(Matches("lang:en", post with { Lang = null }), Is.False);
    }

    [Test]
    public void Match_SeveralWatches_ReturnsEachMatchingNameInOrder()
    {
        var matcher = new WatchMatcher([
            ContractData.Watch("acme", "acme OR #acme"),
            ContractData.Watch("globex", "globex"),
            ContractData.Watch("kettles", "kettle* OR чайник*"),
        ]);

        Assert.That(matcher.Match(ContractData.Post("Acme kettles vs globex")), Is.EqualTo(new[] { "acme", "globex", "kettles" }));
        Assert.That(matcher.Match(ContractData.Post("Чайники Globex")), Is.EqualTo(new[] { "globex", "kettles" }));
        Assert.That(matcher.Match(ContractData.Post("nothing relevant")), Is.Empty);
    }

    [Test]
    public void BrandPostOf_AuthorIsOwnHandle_NamesTheWatch()
    {
        var matcher = new WatchMatcher([
            ContractData.Watch("acme", "acme", "@AcmeCorp", "acme_support"),
            ContractData.Watch("globex", "globex", "globex"),
        ]);

        Assert.That(matcher.BrandPostOf(ContractData.Post("our new kettle", handle: "acmecorp")), Is.EqualTo(new[] { "acme" }));
        Assert.That(matcher.BrandPostOf(ContractData.Post("we can help", handle: "@ACME_Support")), Is.EqualTo(new[] { "acme" }));
        Assert.That(matcher.BrandPostOf(ContractData.Post("acme rocks", handle: "fan")), Is.Empty);
    }

    [Test]
    public void Constructor_BadQuery_ThrowsNamingTheWatch()
    {
        var error = Assert.Throws<InvalidWatchQueryException>(() =>
            new WatchMatcher([ContractData.Watch("good", "acme"), ContractData.Watch("broken", "(acme")]))!;

        Assert.That(error.WatchName, Is.EqualTo("broken"));
        Assert.That(error.Message, Does.Contain("broken").And.Contain("expected ')' at position 5"));
        Assert.That(error.SyntaxError.Position, Is.EqualTo(5));
    }

    [Test]
    public void Match_ManyThreadsAtOnce_GiveSameAnswersAsOneThread()
    {
        var matcher = new WatchMatcher([
            ContractData.Watch("acme", "acme \"support team\""),
            ContractData.Watch("ru", "чайник* -реклама"),
        ]);
        var posts = Enumerable.Range(0, 2_000).Select(i => ContractData.Post((i % 3) switch
        {
            0 => $"acme support team reply {i}",
            1 => $"чайники и реклама {i}",
            _ => $"чайник номер {i}",
        })).ToList();
        var expected = posts.Select(p => string.Join(',', matcher.Match(p))).ToList();

        var parallel = posts.AsParallel().WithDegreeOfParallelism(4).Select(p => string.Join(',', matcher.Match(p))).ToList();

        Assert.That(parallel, Is.EqualTo(expected));
        Assert.That(expected.Count(e => e == "acme"), Is.EqualTo(667));
        Assert.That(expected.Count(e => e == "ru"), Is.EqualTo(666));
    }

    [Test]
    public async Task Match_SameTreeAsStoreSearch_AgreesWithTheStoreOnEveryPost()
    {
        // The matcher (live: watches, alert rules, streams) and the store (search) both consume QueryParser's tree:
        // one parse, two evaluators, which must agree post by post.
        const string text = "(acme OR #acme) -spam lang:en \"kettle broke\" OR pre*";
        var tree = QueryParser.Parse(text);
        var posts = new[]
        {
            ContractData.Post("acme kettle broke again"), ContractData.Post("#acme kettle broke, spam"), ContractData.Post("the kettle broke, acme", lang: "ru"),
            ContractData.Post("prefixes are fun"), ContractData.Post("nothing relevant"), ContractData.Post("ACME: kettle broke"), ContractData.Post("kettle broke acme spam"),
        };
        using var dir = new TempDirectory();
        using var store = new MentionWatch.Core.Storage.Sqlite.SqliteMentionStore(new MentionWatch.Core.Storage.Sqlite.SqliteStoreOptions { Path = dir.Path });
        await store.StoreAsync(posts.Select(p => ContractData.Mention(p)).ToList(), [], CancellationToken.None);

        var found = (await store.SearchAsync(new MentionWatch.Core.Storage.MentionFilter(tree), 100, null, CancellationToken.None))
            .Items.Select(m => m.Post.ExternalId).ToHashSet();
        var matcher = new WatchMatcher([ContractData.Watch("w", text)]);
        var matched = posts.Where(p => matcher.Match(p).Contains("w")).Select(p => p.ExternalId).ToHashSet();

        Assert.That(matched, Is.EquivalentTo(found));
        Assert.That(matched, Has.Count.InRange(2, posts.Length - 2), "the query must separate the posts to mean anything");
    }
}
