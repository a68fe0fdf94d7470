using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>
/// What the mention roles must do: <see cref="IMentionWriter"/> (idempotent writes) and <see cref="IMentionQueries"/>
/// (get, search, export, trends). Each backend inherits this fixture and says how to create, reopen and dispose a store
/// over fresh storage; cursors have their own fixture, <see cref="SourceCursorStoreContractTests"/>.
/// </summary>
public abstract partial class MentionStoreContractTests : StoreContractFixture<IMentionStore>
{

    protected Task<StoreBatchResult> StoreAsync(params Mention[] mentions) => Store.StoreAsync(mentions, [], CancellationToken.None);

    protected async Task<List<Mention>> SearchAllAsync(MentionFilter filter, int pageSize = 1000)
    {
        var all = new List<Mention>();
        string? cursor = null;
        do
        {
            var page = await Store.SearchAsync(filter, pageSize, cursor, CancellationToken.None);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return all;
    }

    protected async Task<List<string>> TextsAsync(string query) =>
        (await SearchAllAsync(new MentionFilter(Query: QueryParser.Parse(query)))).Select(m => m.Post.Text).ToList();

    [Test]
    public async Task StoreAsync_NewMentions_ReturnsAnIdPerMention()
    {
        var result = await StoreAsync(ContractData.Mention("one"), ContractData.Mention("two"));

        Assert.That(result.Stored, Is.EqualTo(2));
        Assert.That(result.Duplicates, Is.Zero);
        Assert.That(result.Ids, Is.All.Not.Null);
        Assert.That(result.Ids.Distinct().Count(), Is.EqualTo(2));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(2));
    }

    [Test]
    public async Task StoreAsync_SameSourceAndExternalIdAgain_StoredOnceAndCountedAsDuplicate()
    {
        var first = ContractData.Mention("original", externalId: "dup-1");
        await StoreAsync(first);

        var again = await StoreAsync(ContractData.Mention("changed text", externalId: "dup-1"), ContractData.Mention("fresh"));
        var inBatch = await StoreAsync(ContractData.Mention("twin", externalId: "dup-2"), ContractData.Mention("twin", externalId: "dup-2"));

        Assert.That(again.Ids[0], Is.Null);
        Assert.That(again.Stored, Is.EqualTo(1));
        Assert.That(inBatch.Stored, Is.EqualTo(1));
        Assert.That(inBatch.Duplicates, Is.EqualTo(1));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(3));
        Assert.That(await TextsAsync("changed"), Is.Empty);
    }

    [Test]
    public async Task StoreAsync_ManyConcurrentOverlappingBatches_StoresEachPostOnce()
    {
        // 8 callers, 300 posts each, every post also sent by the next caller: 1,200 distinct posts.
        var batches = Enumerable.Range(0, 8).Select(b => Enumerable.Range(0, 300)
            .Select(i => ContractData.Mention($"concurrent kettle {b} {i}", createdAt: ContractData.T0.AddSeconds(i),
                externalId: "c-" + ((b * 150) + i) % 1_200))
            .ToArray()).ToList();

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => Store.StoreAsync(batch, [], CancellationToken.None))));

        Assert.That(results.Sum(r => r.Stored), Is.EqualTo(1_200));
        Assert.That(results.Sum(r => r.Duplicates), Is.EqualTo(8 * 300 - 1_200));
        Assert.That(results.SelectMany(r => r.Ids).Where(id => id is not null).Distinct().Count(), Is.EqualTo(1_200));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(1_200));
    }

    [Test]
    public async Task StoreAsync_SameExternalIdFromAnotherSource_StoresBoth()
    {
        var result = await StoreAsync(ContractData.Mention("from x", source: "x", externalId: "42"), ContractData.Mention("from push", source: "push", externalId: "42"));

        Assert.That(result.Stored, Is.EqualTo(2));
    }

    [Test]
    public async Task GetAsync_StoredMention_ReturnsEveryField()
    {
        var post = ContractData.Post("Привет, #Acme! @support_team help", source: "x", externalId: "full-1", handle: "ivan", lang: "ru",
            inReplyTo: "999") with { Url = "https://x.test/1" };
        var mention = ContractData.Mention(post, watches: ["acme", "acme-ru"], sentiment: "negative", needsReply: true, brandOf: ["other"]);
        var id = (await StoreAsync(mention)).Ids[0]!.Value;

        var stored = await Store.GetAsync(id, CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.Id, Is.EqualTo(id));
        Assert.That(stored.Post, Is.EqualTo(post));
        Assert.That(stored.Lang, Is.EqualTo("ru"));
        Assert.That(stored.Watches, Is.EqualTo(new[] { "acme", "acme-ru" }));
        Assert.That(stored.BrandPostOf, Is.EqualTo(new[] { "other" }));
        Assert.That(stored.Sentiment, Is.EqualTo(mention.Sentiment));
        Assert.That(stored.NeedsReply, Is.EqualTo(mention.NeedsReply));
        Assert.That(stored.SeenAt, Is.EqualTo(mention.SeenAt));
        Assert.That(await Store.GetAsync(id + 1, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Reopen_AfterDispose_KeepsMentionsAndRollups()
    {
        await StoreAsync(ContractData.Mention("durable kettle"));

        Store = Reopen(Store);

        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await TextsAsync("kettle"), Is.EqualTo(new[] { "durable kettle" }));
        var trend = await Store.TrendsAsync(new TrendRequest(null, ContractData.T0.AddHours(-1), ContractData.T0.AddHours(1), TrendInterval.Hour, TrendGroupBy.Sentiment), CancellationToken.None);
        Assert.That(trend.Buckets.Sum(b => b.Total), Is.EqualTo(1));
    }

    [Test]
    public async Task StoreAsync_Repost_KeepsLinkToOriginal()
    {
        await StoreAsync(ContractData.Mention("original post", source: "x", externalId: "orig-1"));
        var id = (await StoreAsync(ContractData.Mention("RT original post", source: "x", externalId: "rt-1", repostOf: "orig-1"))).Ids[0]!.Value;

        var repost = await Store.GetAsync(id, CancellationToken.None);

        Assert.That(repost!.Post.RepostOf, Is.EqualTo("orig-1"));
    }
}
