using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>
/// What <see cref="ISourceCursorStore"/> and the cursor half of <see cref="IMentionWriter.StoreAsync"/> must do, on any
/// backend, transactional or not: a cursor is never durable before the mentions it produced, and replaying the posts
/// behind a cursor (what a source does after a crash) changes nothing.
/// </summary>
public abstract class SourceCursorStoreContractTests : StoreContractFixture<IMentionStore>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task GetCursorAsync_NeverStored_ReturnsNull()
    {
        Assert.That(await Store.GetCursorAsync("x:acme", None), Is.Null);
    }

    [Test]
    public async Task StoreAsync_WithCursors_SavesLatestCursorPerSource()
    {
        await Store.StoreAsync([ContractData.Mention()], [new SourceCursor("x:acme", "100")], None);
        await Store.StoreAsync([], [new SourceCursor("x:acme", "250"), new SourceCursor("x:other", "7")], None);

        Assert.That(await Store.GetCursorAsync("x:acme", None), Is.EqualTo("250"));
        Assert.That(await Store.GetCursorAsync("x:other", None), Is.EqualTo("7"));
        Assert.That(await Store.GetCursorAsync("x:unknown", None), Is.Null);
    }

    [Test]
    public async Task StoreAsync_CursorReturned_ItsMentionsAreReadable()
    {
        var ids = (await Store.StoreAsync([ContractData.Mention("kettle one"), ContractData.Mention("kettle two")], [new SourceCursor("rss:acme", "etag-2")], None)).Ids;

        Assert.That(await Store.GetCursorAsync("rss:acme", None), Is.EqualTo("etag-2"));
        foreach (var id in ids) Assert.That(await Store.GetAsync(id!.Value, None), Is.Not.Null, $"mention {id} behind the cursor");
        Assert.That(await Store.CountAsync(None), Is.EqualTo(2));
    }

    [Test]
    public async Task StoreAsync_ReplayOfPostsBehindACursor_StoresNothingTwiceAndAdvancesTheCursor()
    {
        // A crash after the mentions were written but before the cursor was: the source fetches the same posts again.
        var posts = new[] { ContractData.Mention("replayed", source: "x", externalId: "r-1"), ContractData.Mention("replayed too", source: "x", externalId: "r-2") };
        await Store.StoreAsync(posts, [], None);

        var replay = await Store.StoreAsync(
            [ContractData.Mention("replayed", source: "x", externalId: "r-1"), ContractData.Mention("replayed too", source: "x", externalId: "r-2"), ContractData.Mention("new", source: "x", externalId: "r-3")],
            [new SourceCursor("x:acme", "r-3")], None);

        Assert.That(replay.Ids[0], Is.Null);
        Assert.That(replay.Ids[1], Is.Null);
        Assert.That(replay.Ids[2], Is.Not.Null);
        Assert.That(await Store.CountAsync(None), Is.EqualTo(3));
        Assert.That(await Store.GetCursorAsync("x:acme", None), Is.EqualTo("r-3"));
    }

    [Test]
    public async Task StoreAsync_InvalidBatch_StoresNeitherMentionsNorCursor()
    {
        await Store.StoreAsync([ContractData.Mention("before")], [new SourceCursor("x:acme", "1")], None);

        Assert.That(
            async () => await Store.StoreAsync([ContractData.Mention("kept?"), null!], [new SourceCursor("x:acme", "2")], None),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("index 1"));

        Assert.That(await Store.GetCursorAsync("x:acme", None), Is.EqualTo("1"));
        Assert.That(await Store.CountAsync(None), Is.EqualTo(1));
    }

    [Test]
    public void StoreAsync_CursorWithoutKeyOrValue_Throws()
    {
        Assert.That(async () => await Store.StoreAsync([], [new SourceCursor(null!, "1")], None), Throws.InstanceOf<ArgumentException>());
        Assert.That(async () => await Store.StoreAsync([], [new SourceCursor("x:acme", null!)], None), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public async Task Reopen_AfterDispose_KeepsCursorsAndTheirMentions()
    {
        await Store.StoreAsync([ContractData.Mention("durable kettle")], [new SourceCursor("x:acme", "5")], None);
        await Store.StoreAsync([], [new SourceCursor("config:watch:acme", "seeded")], None);

        Store = Reopen(Store);

        Assert.That(await Store.GetCursorAsync("x:acme", None), Is.EqualTo("5"));
        Assert.That(await Store.GetCursorAsync("config:watch:acme", None), Is.EqualTo("seeded"));
        Assert.That(await Store.CountAsync(None), Is.EqualTo(1));
    }

    [Test]
    public async Task StoreAsync_ConcurrentWritersOfDifferentSources_EachCursorMatchesItsLastBatch()
    {
        // Four sources, ten batches each, written at the same time: every source's cursor ends at its own last value.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (var b = 1; b <= 10; b++)
                await Store.StoreAsync([ContractData.Mention($"source {s} batch {b}", externalId: $"s{s}-b{b}")], [new SourceCursor($"src:{s}", b.ToString())], None);
        })));

        for (var s = 0; s < 4; s++) Assert.That(await Store.GetCursorAsync($"src:{s}", None), Is.EqualTo("10"));
        Assert.That(await Store.CountAsync(None), Is.EqualTo(40));
    }
}
