using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>The stores the support features keep, over one backend: mentions (to triage) beside triage and campaigns.</summary>
public sealed record SupportStores(IMentionStore Mentions, ISupportStore Support, ICampaignStore Campaigns);

/// <summary>
/// What the support state must do on every backend: triage moves checked against the stored state and kept with their
/// history (and, for <c>ignored</c>, a needs-reply correction), visible to mention search; campaigns kept by name.
/// </summary>
public abstract class SupportStateContractTests : StoreContractFixture<SupportStores>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = ContractData.T0.AddHours(1);

    private async Task<long> StoreMentionAsync(bool needsReply = true) =>
        (await Store.Mentions.StoreAsync([ContractData.Mention("where is my kettle?", needsReply: needsReply)], [], None)).Ids[0]!.Value;

    private Task<TriageOutcome> MoveAsync(long id, string move, string? team = null, string? assignee = null, string? note = null, int minutes = 0) =>
        Store.Support.TriageAsync(new TriageRequest(id, move, team, assignee, note, "anna", At.AddMinutes(minutes)), None);

    [Test]
    public async Task TriageAsync_UnknownMention_NotFound()
    {
        var outcome = await MoveAsync(12345, TriageStates.Assigned);

        Assert.That(outcome.Result, Is.EqualTo(TriageResult.NotFound));
        Assert.That(await Store.Support.HistoryAsync(12345, None), Is.Null);
    }

    [Test]
    public async Task TriageAsync_AllowedMoves_ChangeStateAndKeepHistoryOldestFirst()
    {
        var id = await StoreMentionAsync();

        var assigned = await MoveAsync(id, TriageStates.Assigned, team: "care", assignee: "bob", note: "yours");
        var resolved = await MoveAsync(id, TriageStates.Resolved, minutes: 5);

        Assert.That(assigned.Result, Is.EqualTo(TriageResult.Changed));
        Assert.That(assigned.Support, Is.EqualTo(new MentionSupport(TriageStates.Assigned, "care", "bob")));
        Assert.That(resolved.Current, Is.EqualTo(TriageStates.Resolved));
        Assert.That(resolved.Support!.Team, Is.EqualTo("care"), "a move without a team keeps the team");
        var history = await Store.Support.HistoryAsync(id, None);
        Assert.That(history, Is.Not.Null);
        Assert.That(history!.Select(h => (h.From, h.To)), Is.EqualTo(new[] { ("new", "assigned"), ("assigned", "resolved") }));
        Assert.That(history[0].Actor, Is.EqualTo("anna"));
        Assert.That(history[0].Note, Is.EqualTo("yours"));
        Assert.That(history[1].At, Is.EqualTo(At.AddMinutes(5)));
    }

    [Test]
    public async Task TriageAsync_MoveNotAllowedFromStoredState_KeepsStateAndListsAllowedMoves()
    {
        var id = await StoreMentionAsync();
        await MoveAsync(id, TriageStates.Resolved);

        var outcome = await MoveAsync(id, TriageStates.Assigned, team: "care");

        Assert.That(outcome.Result, Is.EqualTo(TriageResult.NotAllowed));
        Assert.That(outcome.Current, Is.EqualTo(TriageStates.Resolved));
        Assert.That(outcome.Allowed, Is.EqualTo(new[] { TriageStates.Reopened }));
        Assert.That(await Store.Support.HistoryAsync(id, None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task TriageAsync_Ignored_RecordsANeedsReplyCorrection()
    {
        var id = await StoreMentionAsync(needsReply: true);

        await MoveAsync(id, TriageStates.Ignored);

        var corrections = await Store.Support.CorrectionsAsync(id, None);
        Assert.That(corrections, Has.Count.EqualTo(1));
        Assert.That((corrections[0].Field, corrections[0].OldValue, corrections[0].NewValue), Is.EqualTo(("needsReply", "true", "false")));
        Assert.That(corrections[0].Actor, Is.EqualTo("anna"));
    }

    [Test]
    public async Task TriageAsync_Changed_MentionSearchSeesTheNewStateAndTeam()
    {
        var moved = await StoreMentionAsync();
        var untouched = await StoreMentionAsync();

        await MoveAsync(moved, TriageStates.Assigned, team: "care");

        var assigned = await Store.Mentions.SearchAsync(new MentionFilter(Triage: TriageStates.Assigned), 10, null, None);
        var byTeam = await Store.Mentions.SearchAsync(new MentionFilter(Team: "care"), 10, null, None);
        var fresh = await Store.Mentions.SearchAsync(new MentionFilter(Triage: TriageStates.New), 10, null, None);
        Assert.That(assigned.Items.Select(m => m.Id), Is.EqualTo(new[] { moved }));
        Assert.That(byTeam.Items.Select(m => m.Id), Is.EqualTo(new[] { moved }));
        Assert.That(fresh.Items.Select(m => m.Id), Is.EqualTo(new[] { untouched }));
    }

    [Test]
    public async Task Campaigns_UpsertListDelete_KeptByNameAcrossReopen()
    {
        var launch = new Campaign("launch", ["acme"], ContractData.T0, ContractData.T0.AddDays(7));
        Assert.That(await Store.Campaigns.UpsertCampaignAsync(launch, None), Is.True);
        Assert.That(await Store.Campaigns.UpsertCampaignAsync(launch with { Watches = ["acme", "globex"] }, None), Is.False);
        await Store.Campaigns.UpsertCampaignAsync(new Campaign("autumn", ["acme"], ContractData.T0.AddDays(30), ContractData.T0.AddDays(40)), None);

        Store = Reopen(Store);

        var campaigns = await Store.Campaigns.ListCampaignsAsync(None);
        Assert.That(campaigns.Select(c => c.Name), Is.EquivalentTo(new[] { "launch", "autumn" }));
        Assert.That(campaigns.Single(c => c.Name == "launch").Watches, Is.EqualTo(new[] { "acme", "globex" }));
        Assert.That(await Store.Campaigns.DeleteCampaignAsync("launch", None), Is.True);
        Assert.That(await Store.Campaigns.DeleteCampaignAsync("launch", None), Is.False);
        Assert.That((await Store.Campaigns.ListCampaignsAsync(None)).Select(c => c.Name), Is.EqualTo(new[] { "autumn" }));
    }
}
