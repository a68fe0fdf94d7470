using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>What every <see cref="IWatchAdaptationStore"/> must do: keep the latest adaptation per watch (names ignore case), delta included, across a restart.</summary>
public abstract class WatchAdaptationStoreContractTests : StoreContractFixture<IWatchAdaptationStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = ContractData.T0;

    [Test]
    public async Task SaveAdaptationAsync_ThenReopen_KeepsTheLatestPerWatch()
    {
        await Store.SaveAdaptationAsync(new StoredAdaptation("acme", "rejected", At, "analyst", """{"n":1}""", null), None);
        await Store.SaveAdaptationAsync(new StoredAdaptation("acme", "active", At.AddMinutes(5), "admin", """{"n":2}""", [1, 2, 3]), None);
        await Store.SaveAdaptationAsync(new StoredAdaptation("beta", "rejected", At, "admin", "{}", null), None);

        Store = Reopen(Store);

        var all = await Store.ListAdaptationsAsync(None);
        Assert.That(all.Select(a => (a.Watch, a.State, a.Actor, a.Report)), Is.EqualTo(new[] { ("acme", "active", "admin", """{"n":2}"""), ("beta", "rejected", "admin", "{}") }));
        Assert.That(all[0].Delta, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(all[0].TrainedAt, Is.EqualTo(At.AddMinutes(5)));
        Assert.That(all[1].Delta, Is.Null);
    }

    [Test]
    public async Task DeleteAdaptationAsync_NameInAnotherCase_DeletesOnce()
    {
        await Store.SaveAdaptationAsync(new StoredAdaptation("acme", "active", At, "admin", "{}", [7]), None);
        await Store.SaveAdaptationAsync(new StoredAdaptation("beta", "rejected", At, "admin", "{}", null), None);

        Assert.That(await Store.DeleteAdaptationAsync("ACME", None), Is.True, "watch names ignore case");
        Assert.That(await Store.DeleteAdaptationAsync("acme", None), Is.False);
        Assert.That((await Store.ListAdaptationsAsync(None)).Select(a => a.Watch), Is.EqualTo(new[] { "beta" }));
    }
}
