using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Tests.Support;

namespace MentionWatch.Core.Tests.Storage;

/// <summary>
/// What every <see cref="IMentionStore"/> must do. Each implementation inherits this fixture and says how to
/// create, reopen and dispose a store over fresh storage.
/// </summary>
public abstract partial class MentionStoreContractTests
{
    protected IMentionStore Store { get; set; } = null!;

    /// <summary>A store over new, empty storage.</summary>
    protected abstract IMentionStore CreateStore();

    /// <summary>Closes <paramref name="current"/> and opens a store over the same storage.</summary>
    protected abstract IMentionStore Reopen(IMentionStore current);

    protected abstract void DisposeStore(IMentionStore store);

    [SetUp]
    public void CreateFreshStore() => Store = CreateStore();

    [TearDown]
    public void DisposeFreshStore() => DisposeStore(Store);

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
        var result = await StoreAsync(Some.Mention("one"), Some.Mention("two"));

        Assert.That(result.Stored, Is.EqualTo(2));
        Assert.That(result.Duplicates, Is.Zero);
        Assert.That(result.Ids, Is.All.Not.Null);
        Assert.That(result.Ids.Distinct().Count(), Is.EqualTo(2));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(2));
    }

    [Test]
    public async Task StoreAsync_SameSourceAndExternalIdAgain_StoredOnceAndCountedAsDuplicate()
    {
        var first = Some.Mention("original", externalId: "dup-1");
        await StoreAsync(first);

        var again = await StoreAsync(Some.Mention("changed text", externalId: "dup-1"), Some.Mention("fresh"));
        var inBatch = await StoreAsync(Some.Mention("twin", externalId: "dup-2"), Some.Mention("twin", externalId: "dup-2"));

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
            .Select(i => Some.Mention($"concurrent kettle {b} {i}", createdAt: Some.T0.AddSeconds(i),
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
        var result = await StoreAsync(Some.Mention("from x", source: "x", externalId: "42"), Some.Mention("from push", source: "push", externalId: "42"));

        Assert.That(result.Stored, Is.EqualTo(2));
    }

    [Test]
    public async Task StoreAsync_WithCursors_SavesLatestCursorPerSource()
    {
        await Store.StoreAsync([Some.Mention()], [new SourceCursor("x:acme", "100")], CancellationToken.None);
        await Store.StoreAsync([], [new SourceCursor("x:acme", "250"), new SourceCursor("x:other", "7")], CancellationToken.None);

        Assert.That(await Store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("250"));
        Assert.That(await Store.GetCursorAsync("x:other", CancellationToken.None), Is.EqualTo("7"));
        Assert.That(await Store.GetCursorAsync("x:unknown", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task StoreAsync_BatchFailsPartWay_StoresNeitherMentionsNorCursor()
    {
        await Store.StoreAsync([Some.Mention("before")], [new SourceCursor("x:acme", "1")], CancellationToken.None);

        Assert.That(
            async () => await Store.StoreAsync([Some.Mention("kept?"), null!], [new SourceCursor("x:acme", "2")], CancellationToken.None),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("index 1"));

        Assert.That(await Store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("1"));
        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await TextsAsync("kept"), Is.Empty);
    }

    [Test]
    public async Task GetAsync_StoredMention_ReturnsEveryField()
    {
        var post = Some.Post("Привет, #Acme! @support_team help", source: "x", externalId: "full-1", handle: "ivan", lang: "ru",
            inReplyTo: "999") with { Url = "https://x.test/1" };
        var mention = Some.Mention(post, watches: ["acme", "acme-ru"], sentiment: "negative", needsReply: true, brandOf: ["other"]);
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
    public async Task Reopen_AfterDispose_KeepsMentionsCursorsAndRollups()
    {
        await Store.StoreAsync([Some.Mention("durable kettle")], [new SourceCursor("x:acme", "5")], CancellationToken.None);

        Store = Reopen(Store);

        Assert.That(await Store.CountAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await TextsAsync("kettle"), Is.EqualTo(new[] { "durable kettle" }));
        Assert.That(await Store.GetCursorAsync("x:acme", CancellationToken.None), Is.EqualTo("5"));
        var trend = await Store.TrendsAsync(new TrendRequest(null, Some.T0.AddHours(-1), Some.T0.AddHours(1), TrendInterval.Hour, TrendGroupBy.Sentiment), CancellationToken.None);
        Assert.That(trend.Buckets.Sum(b => b.Total), Is.EqualTo(1));
    }

    [Test]
    public async Task StoreAsync_Repost_KeepsLinkToOriginal()
    {
        await StoreAsync(Some.Mention("original post", source: "x", externalId: "orig-1"));
        var id = (await StoreAsync(Some.Mention("RT original post", source: "x", externalId: "rt-1", repostOf: "orig-1"))).Ids[0]!.Value;

        var repost = await Store.GetAsync(id, CancellationToken.None);

        Assert.That(repost!.Post.RepostOf, Is.EqualTo("orig-1"));
    }
}
