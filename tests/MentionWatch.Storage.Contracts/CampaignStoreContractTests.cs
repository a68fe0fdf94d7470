using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>What every <see cref="ICampaignStore"/> must do: keep campaigns by name (ignoring case), listed by start, across a restart.</summary>
public abstract class CampaignStoreContractTests : StoreContractFixture<ICampaignStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = ContractData.T0;

    [Test]
    public async Task UpsertCampaignAsync_CreateThenReplace_TrueOnlyTheFirstTime()
    {
        var launch = new Campaign("launch", ["acme"], T0, T0.AddDays(7));

        Assert.That(await Store.UpsertCampaignAsync(launch, None), Is.True);
        Assert.That(await Store.UpsertCampaignAsync(launch with { Watches = ["acme", "globex"], End = T0.AddDays(8) }, None), Is.False);

        var kept = (await Store.ListCampaignsAsync(None)).Single();
        Assert.That((kept.Name, kept.Start, kept.End), Is.EqualTo(("launch", T0, T0.AddDays(8))));
        Assert.That(kept.Watches, Is.EqualTo(new[] { "acme", "globex" }));
    }

    [Test]
    public async Task ListCampaignsAsync_AfterReopen_ByStart()
    {
        await Store.UpsertCampaignAsync(new Campaign("autumn", ["acme"], T0.AddDays(30), T0.AddDays(40)), None);
        await Store.UpsertCampaignAsync(new Campaign("launch", ["acme"], T0, T0.AddDays(7)), None);

        Store = Reopen(Store);

        Assert.That((await Store.ListCampaignsAsync(None)).Select(c => c.Name), Is.EqualTo(new[] { "launch", "autumn" }));
    }

    [Test]
    public async Task DeleteCampaignAsync_NameInAnotherCase_DeletesOnce()
    {
        await Store.UpsertCampaignAsync(new Campaign("launch", ["acme"], T0, T0.AddDays(7)), None);

        Assert.That(await Store.DeleteCampaignAsync("LAUNCH", None), Is.True);
        Assert.That(await Store.DeleteCampaignAsync("launch", None), Is.False);
        Assert.That(await Store.ListCampaignsAsync(None), Is.Empty);
    }
}
