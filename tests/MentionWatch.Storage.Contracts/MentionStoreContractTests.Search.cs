using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

public abstract partial class MentionStoreContractTests
{
    private async Task SeedQueryCorpusAsync()
    {
        var t = ContractData.T0;
        await StoreAsync(
            ContractData.Mention("Acme kettle is great", createdAt: t.AddMinutes(1)),
            ContractData.Mention("The ACME support team never answers", createdAt: t.AddMinutes(2), sentiment: "negative", needsReply: true),
            ContractData.Mention("Чайник Acme просто ёлка, всё хорошо", createdAt: t.AddMinutes(3), lang: "ru", source: "x"),
            ContractData.Mention("Купил чайник, все работает", createdAt: t.AddMinutes(4), lang: "ru", watches: ["globex"]),
            ContractData.Mention("Loving #acme today", createdAt: t.AddMinutes(5), handle: "fan_1"),
            ContractData.Mention("Thanks @acme for the fast reply", createdAt: t.AddMinutes(6), sentiment: "neutral"),
            ContractData.Mention("Acmeware is a different company", createdAt: t.AddMinutes(7), watches: []),
            ContractData.Mention("spam spam buy now acme", createdAt: t.AddMinutes(8), source: "x", handle: "spammer"));
    }

    [TestCase("acme", new[] { "spam spam buy now acme", "Thanks @acme for the fast reply", "Loving #acme today", "Чайник Acme просто ёлка, всё хорошо", "The ACME support team never answers", "Acme kettle is great" })]
    [TestCase("ЧАЙНИК", new[] { "Купил чайник, все работает", "Чайник Acme просто ёлка, всё хорошо" })]
    [TestCase("всё", new[] { "Купил чайник, все работает", "Чайник Acme просто ёлка, всё хорошо" })]
    [TestCase("елка", new[] { "Чайник Acme просто ёлка, всё хорошо" })]
    [TestCase("\"support team\"", new[] { "The ACME support team never answers" })]
    [TestCase("\"team support\"", new string[0])]
    [TestCase("acme*", new[] { "spam spam buy now acme", "Acmeware is a different company", "Thanks @acme for the fast reply", "Loving #acme today", "Чайник Acme просто ёлка, всё хорошо", "The ACME support team never answers", "Acme kettle is great" })]
    [TestCase("#acme", new[] { "Loving #acme today" })]
    [TestCase("@acme", new[] { "Thanks @acme for the fast reply" })]
    [TestCase("acme -spam -чайник", new[] { "Thanks @acme for the fast reply", "Loving #acme today", "The ACME support team never answers", "Acme kettle is great" })]
    [TestCase("kettle OR чайник", new[] { "Купил чайник, все работает", "Чайник Acme просто ёлка, всё хорошо", "Acme kettle is great" })]
    [TestCase("(kettle OR чайник) NOT lang:ru", new[] { "Acme kettle is great" })]
    [TestCase("acme source:x", new[] { "spam spam buy now acme", "Чайник Acme просто ёлка, всё хорошо" })]
    [TestCase("from:@FAN_1", new[] { "Loving #acme today" })]
    [TestCase("-acme*", new[] { "Купил чайник, все работает" })]
    [TestCase("kettle OR -acme*", new[] { "Купил чайник, все работает", "Acme kettle is great" })]
    public async Task SearchAsync_Query_ReturnsMatchingNewestFirst(string query, string[] expected)
    {
        await SeedQueryCorpusAsync();

        Assert.That(await TextsAsync(query), Is.EqualTo(expected));
    }

    [Test]
    public async Task SearchAsync_EachFilter_NarrowsResults()
    {
        await SeedQueryCorpusAsync();

        async Task<int> Count(MentionFilter filter) => (await SearchAllAsync(filter)).Count;

        Assert.That(await Count(new MentionFilter()), Is.EqualTo(8));
        Assert.That(await Count(new MentionFilter(Watch: "globex")), Is.EqualTo(1));
        Assert.That(await Count(new MentionFilter(Watch: "acme")), Is.EqualTo(6));
        Assert.That(await Count(new MentionFilter(Sentiment: "negative")), Is.EqualTo(1));
        Assert.That(await Count(new MentionFilter(NeedsReply: true)), Is.EqualTo(1));
        Assert.That(await Count(new MentionFilter(NeedsReply: false)), Is.EqualTo(7));
        Assert.That(await Count(new MentionFilter(Source: "x")), Is.EqualTo(2));
        Assert.That(await Count(new MentionFilter(Lang: "ru")), Is.EqualTo(2));
        Assert.That(await Count(new MentionFilter(From: ContractData.T0.AddMinutes(3), To: ContractData.T0.AddMinutes(6))), Is.EqualTo(3));
        Assert.That(await Count(new MentionFilter(Query: QueryParser.Parse("acme"), Watch: "acme", Source: "x", Lang: "ru")), Is.EqualTo(1));
        Assert.That(await Count(new MentionFilter(Watch: "", Sentiment: " ", Source: "", Lang: "")), Is.EqualTo(8), "blank means no filter");
    }

    [Test]
    public async Task SearchAsync_HostileFilterValues_AreTreatedAsPlainValues()
    {
        await SeedQueryCorpusAsync();

        var watch = await SearchAllAsync(new MentionFilter(Watch: "x\" OR meta : \"all"));
        var source = await SearchAllAsync(new MentionFilter(Source: "x'); DROP TABLE mentions; --"));

        Assert.That(watch, Is.Empty);
        Assert.That(source, Is.Empty);
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(8));
    }

    [Test]
    public async Task SearchAsync_PagedThroughManyMentions_ReturnsEachOnceNewestFirst()
    {
        var mentions = Enumerable.Range(0, 57)
            .Select(i => ContractData.Mention($"kettle number {i}", createdAt: ContractData.T0.AddSeconds(i % 20)))
            .ToArray();
        await StoreAsync(mentions);

        var paged = await SearchAllAsync(new MentionFilter(Query: QueryParser.Parse("kettle")), pageSize: 10);

        Assert.That(paged, Has.Count.EqualTo(57));
        Assert.That(paged.Select(m => m.Id).Distinct().Count(), Is.EqualTo(57));
        Assert.That(paged.Select(m => m.Post.CreatedAt), Is.Ordered.Descending);
        for (var i = 1; i < paged.Count; i++)
            if (paged[i].Post.CreatedAt == paged[i - 1].Post.CreatedAt)
                Assert.That(paged[i].Id, Is.LessThan(paged[i - 1].Id));
    }

    [Test]
    public async Task SearchAsync_LastPage_HasNoCursor()
    {
        await StoreAsync(ContractData.Mention("a"), ContractData.Mention("b"));

        var page = await Store.SearchAsync(new MentionFilter(), 2, null, CancellationToken.None);

        Assert.That(page.Items, Has.Count.EqualTo(2));
        Assert.That(page.NextCursor, Is.Null);
    }

    [Test]
    public async Task SearchAsync_PageCursorOfAnId_ContinuesStrictlyBelowThatId()
    {
        // Page cursors are store-neutral (MentionPageCursor over MentionIds): a cursor means "below this id" on every backend.
        var ids = (await StoreAsync(
            ContractData.Mention("first", createdAt: ContractData.T0),
            ContractData.Mention("second", createdAt: ContractData.T0.AddMinutes(1)),
            ContractData.Mention("third", createdAt: ContractData.T0.AddMinutes(2)))).Ids.Select(id => id!.Value).ToList();

        var page = await Store.SearchAsync(new MentionFilter(), 10, MentionPageCursor.Encode(ids[2]), CancellationToken.None);

        Assert.That(page.Items.Select(m => m.Post.Text), Is.EqualTo(new[] { "second", "first" }));
        Assert.That(MentionIds.TimeOf(ids[1]), Is.EqualTo(ContractData.T0.AddMinutes(1)), "ids carry their post's time");
    }

    [TestCase(0)]
    [TestCase(1_001)]
    public void SearchAsync_LimitOutOfRange_ThrowsNamingLimit(int limit)
    {
        Assert.That(async () => await Store.SearchAsync(new MentionFilter(), limit, null, CancellationToken.None),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("limit"));
    }

    [Test]
    public void SearchAsync_ForeignCursor_ThrowsInvalidCursor()
    {
        Assert.That(async () => await Store.SearchAsync(new MentionFilter(), 10, "not-a-cursor", CancellationToken.None),
            Throws.InstanceOf<InvalidCursorException>().With.Message.Contains("not-a-cursor"));
    }

    [Test]
    public async Task ExportAsync_MoreThanOnePage_StreamsEveryMatchNewestFirst()
    {
        var batch = Enumerable.Range(0, 2_300)
            .Select(i => ContractData.Mention(i % 2 == 0 ? "even kettle" : "odd teapot", createdAt: ContractData.T0.AddSeconds(i)))
            .ToArray();
        await StoreAsync(batch);

        var exported = new List<DateTimeOffset>();
        await foreach (var mention in Store.ExportAsync(new MentionFilter(Query: QueryParser.Parse("kettle")), CancellationToken.None))
            exported.Add(mention.Post.CreatedAt);

        Assert.That(exported, Has.Count.EqualTo(1_150));
        Assert.That(exported, Is.Ordered.Descending);
        Assert.That(exported[0], Is.EqualTo(ContractData.T0.AddSeconds(2_298)));
    }
}
