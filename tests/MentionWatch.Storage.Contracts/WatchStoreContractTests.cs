using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>What every <see cref="IWatchStore"/> must do: create or replace by name (with its noise rules), list in name order, delete, survive a restart.</summary>
public abstract class WatchStoreContractTests : StoreContractFixture<IWatchStore>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task ListWatchesAsync_EmptyStore_ReturnsNone()
    {
        Assert.That(await Store.ListWatchesAsync(None), Is.Empty);
        Assert.That(await Store.GetWatchAsync("acme", None), Is.Null);
    }

    [Test]
    public async Task UpsertWatchAsync_NewThenChanged_ReportsCreatedOnceAndKeepsLatest()
    {
        var created = await Store.UpsertWatchAsync(new Watch("acme", "acme", ["acmecorp"], ["globex"]), None);
        var replaced = await Store.UpsertWatchAsync(new Watch("acme", "acme OR #acme", ["acmecorp", "acme_help"], []), None);

        var stored = await Store.GetWatchAsync("acme", None);

        Assert.That(created, Is.True);
        Assert.That(replaced, Is.False);
        Assert.That(stored!.Query, Is.EqualTo("acme OR #acme"));
        Assert.That(stored.OwnHandles, Is.EqualTo(new[] { "acmecorp", "acme_help" }));
        Assert.That(stored.Competitors, Is.Empty);
        Assert.That(await Store.ListWatchesAsync(None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ListWatchesAsync_SeveralWatches_SortedByName()
    {
        await Store.UpsertWatchAsync(ContractData.Watch("globex", "globex"), None);
        await Store.UpsertWatchAsync(ContractData.Watch("acme", "acme"), None);
        await Store.UpsertWatchAsync(ContractData.Watch("initech", "initech"), None);

        var names = (await Store.ListWatchesAsync(None)).Select(w => w.Name);

        Assert.That(names, Is.EqualTo(new[] { "acme", "globex", "initech" }));
    }

    [Test]
    public async Task DeleteWatchAsync_ExistingAndMissing_ReportsWhetherDeleted()
    {
        await Store.UpsertWatchAsync(ContractData.Watch("acme", "acme"), None);
        await Store.UpsertWatchAsync(ContractData.Watch("globex", "globex"), None);

        Assert.That(await Store.DeleteWatchAsync("acme", None), Is.True);
        Assert.That(await Store.DeleteWatchAsync("acme", None), Is.False);
        Assert.That(await Store.GetWatchAsync("acme", None), Is.Null);
        Assert.That((await Store.ListWatchesAsync(None)).Select(w => w.Name), Is.EqualTo(new[] { "globex" }));
    }

    [Test]
    public async Task Reopen_AfterDispose_KeepsEveryFieldOfEveryWatch()
    {
        var watch = new Watch("acme", "acme OR \"acme kettle\"", ["acmecorp", "acme_help"], ["globex"])
        {
            Noise = new WatchNoise { KeepReposts = false, DuplicateWindowMinutes = 30, BlockedAuthors = ["spambot"], BlockedDomains = ["spam.example"], MaxSpamScore = 0.8 },
        };
        await Store.UpsertWatchAsync(watch, None);
        await Store.UpsertWatchAsync(ContractData.Watch("globex", "globex"), None);

        Store = Reopen(Store);

        var stored = await Store.GetWatchAsync("acme", None);
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.Query, Is.EqualTo(watch.Query));
        Assert.That(stored.OwnHandles, Is.EqualTo(watch.OwnHandles));
        Assert.That(stored.Competitors, Is.EqualTo(watch.Competitors));
        Assert.That(stored.Noise, Is.Not.Null);
        Assert.That((stored.Noise!.KeepReposts, stored.Noise.DuplicateWindowMinutes, stored.Noise.MaxSpamScore), Is.EqualTo((false, 30, 0.8)));
        Assert.That(stored.Noise.BlockedAuthors, Is.EqualTo(new[] { "spambot" }));
        Assert.That(stored.Noise.BlockedDomains, Is.EqualTo(new[] { "spam.example" }));
        Assert.That((await Store.GetWatchAsync("globex", None))!.Noise, Is.Null, "a watch without noise rules keeps everything");
    }
}
