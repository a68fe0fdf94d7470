using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>The support roles beside triage, over one backend: reply links made by the writer, corrections, identities, re-tagging.</summary>
public sealed record SupportRoleStores(IMentionStore Mentions, ISupportStore Support, ILabelCorrectionStore Labels, IAuthorStore Authors, IWatchRetagStore Retag);

/// <summary>
/// What every backend must do for the support features: link a brand reply to the mention it answers whichever is
/// stored first (the earliest brand reply by post time is the first; a reply that is not a brand post is no reply);
/// keep hand-corrected labels with a correction per changed field; link identities only as people asked; re-tag mentions
/// for a watch; and list the needs-reply rows behind response times.
/// </summary>
public abstract class SupportRolesContractTests : StoreContractFixture<SupportRoleStores>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = ContractData.T0.AddHours(1);

    private async Task<long?> StoreAsync(Mention mention) => (await Store.Mentions.StoreAsync([mention], [], None)).Ids[0];

    private static Mention Kettle(string externalId = "m-1") => ContractData.Mention("my kettle leaks", needsReply: true, sentiment: "negative", externalId: externalId);

    private static Mention BrandReply(string externalId, int minutes, string inReplyTo = "m-1", string[]? brandOf = null) => ContractData.Mention(
        ContractData.Post("@someone sorry about that", externalId: externalId, createdAt: ContractData.T0.AddMinutes(minutes), handle: "acme_help", inReplyTo: inReplyTo),
        brandOf: brandOf ?? ["acme"]);

    [Test]
    public async Task BrandReplies_AfterTheMention_EarliestIsFirstAndTheMentionIsReplied()
    {
        var mention = (await StoreAsync(Kettle()))!.Value;
        var late = (await StoreAsync(BrandReply("r-2", 30)))!.Value;
        var early = (await StoreAsync(BrandReply("r-1", 10)))!.Value;

        var stored = await Store.Mentions.GetAsync(mention, None);
        var replies = await Store.Support.RepliesAsync([mention], None);
        Assert.That(stored!.Support!.FirstReply, Is.EqualTo(new BrandReply(early, ContractData.T0.AddMinutes(10))));
        Assert.That(stored.Support.Triage, Is.EqualTo(TriageStates.Replied));
        Assert.That(replies[mention].Select(r => r.Id), Is.EqualTo(new[] { early, late }));
    }

    [Test]
    public async Task BrandReply_StoredBeforeTheMention_IsLinkedWhenTheMentionArrives()
    {
        var reply = (await StoreAsync(BrandReply("r-1", 10)))!.Value;
        var mention = (await StoreAsync(Kettle()))!.Value;

        var stored = await Store.Mentions.GetAsync(mention, None);
        Assert.That(stored!.Support!.FirstReply?.Id, Is.EqualTo(reply));
        Assert.That((await Store.Support.HistoryAsync(mention, None))!.Select(h => h.To), Is.EqualTo(new[] { TriageStates.Replied }));
    }

    [Test]
    public async Task Replies_NotByABrandOfTheMentionsWatches_AreNotLinked()
    {
        var mention = (await StoreAsync(Kettle()))!.Value;
        await StoreAsync(BrandReply("r-1", 10, brandOf: []));
        await StoreAsync(BrandReply("r-2", 11, brandOf: ["globex"]));

        var stored = await Store.Mentions.GetAsync(mention, None);
        Assert.That(stored!.Support, Is.EqualTo(MentionSupport.New));
        Assert.That((await Store.Support.RepliesAsync([mention], None))[mention], Is.Empty);
    }

    [Test]
    public async Task CorrectLabelsAsync_ChangedSentiment_UpdatesTheMentionAndRecordsOnlyWhatChanged()
    {
        var id = (await StoreAsync(Kettle()))!.Value;

        var outcome = await Store.Labels.CorrectLabelsAsync(new LabelCorrectionRequest(id, "neutral", NeedsReply: true, "sarcasm", "anna", At), None);
        var unchanged = await Store.Labels.CorrectLabelsAsync(new LabelCorrectionRequest(id, "neutral", null, null, "anna", At), None);

        Assert.That(outcome!.Changes.Select(c => (c.Field, c.OldValue, c.NewValue)), Is.EqualTo(new[] { ("sentiment", "negative", "neutral") }));
        Assert.That(outcome.Mention.Sentiment, Is.EqualTo(new SentimentScore("neutral", 0, 1, 0)));
        Assert.That(unchanged!.Changes, Is.Empty);
        Assert.That((await Store.Mentions.GetAsync(id, None))!.Sentiment.Label, Is.EqualTo("neutral"));
        var neutral = await Store.Mentions.SearchAsync(new MentionFilter(Sentiment: "neutral"), 10, null, None);
        Assert.That(neutral.Items.Select(m => m.Id), Is.EqualTo(new[] { id }), "searches follow the corrected label");
        Assert.That(await Store.Labels.CorrectLabelsAsync(new LabelCorrectionRequest(987654, "neutral", null, null, "anna", At), None), Is.Null);
    }

    [Test]
    public async Task CorrectedTextsAsync_TwoCorrectionsOfOneField_TheLatestWins()
    {
        var id = (await StoreAsync(Kettle()))!.Value;
        await Store.Labels.CorrectLabelsAsync(new LabelCorrectionRequest(id, "neutral", null, null, "anna", At), None);
        await Store.Labels.CorrectLabelsAsync(new LabelCorrectionRequest(id, "positive", null, null, "anna", At.AddMinutes(1)), None);

        var texts = await Store.Labels.CorrectedTextsAsync("acme", None);

        Assert.That(texts.Select(t => (t.MentionId, t.Field, t.Value, t.Text)), Is.EqualTo(new[] { (id, "sentiment", "positive", "my kettle leaks") }));
        Assert.That(await Store.Labels.CorrectedTextsAsync("globex", None), Is.Empty);
        Assert.That(await Store.Support.CorrectionsAsync(id, None), Has.Count.EqualTo(2), "the log keeps both");
    }

    [Test]
    public async Task Authors_LinkedTransitively_FoundWithTheirMentionsIgnoringHandleCase()
    {
        var bsky = new AuthorIdentity("bluesky", "ivan.bsky.social");
        var x = new AuthorIdentity("x", "ivan_x");
        var tg = new AuthorIdentity("telegram", "ivan_tg");
        Assert.That(await Store.Authors.LinkAsync(bsky, x, "anna", At, None), Is.True);
        Assert.That(await Store.Authors.LinkAsync(x, bsky, "anna", At, None), Is.False, "the pair is linked once, in either order");
        await Store.Authors.LinkAsync(x, tg, "anna", At, None);
        var mention = (await StoreAsync(ContractData.Mention("kettle", source: "x", handle: "Ivan_X")))!.Value;
        await StoreAsync(ContractData.Mention("kettle", source: "x", handle: "someone_else"));

        var identities = await Store.Authors.IdentitiesAsync(bsky, None);
        var mentions = await Store.Authors.MentionsByAsync(identities, 10, None);

        Assert.That(identities, Is.EquivalentTo(new[] { bsky, x, tg }));
        Assert.That(mentions.Select(m => m.Id), Is.EqualTo(new[] { mention }));
    }

    // A backend may index authors behind its writes (SQLite does): what it has acknowledged is in the history anyway.
    [Test]
    public async Task MentionsByAsync_MentionStoredAMomentAgo_IsInTheAuthorsHistory()
    {
        var earlier = (await StoreAsync(ContractData.Mention("kettle", source: "x", handle: "ivan_x", externalId: "m-1")))!.Value;
        var justNow = (await StoreAsync(ContractData.Mention("kettle again", source: "x", handle: "IVAN_X", externalId: "m-2")))!.Value;

        var mentions = await Store.Authors.MentionsByAsync([new AuthorIdentity("x", "Ivan_X")], 10, None);

        Assert.That(mentions.Select(m => m.Id), Is.EqualTo(new[] { justNow, earlier }.OrderDescending()));
    }

    [Test]
    public async Task MentionsByAsync_AfterReopen_KeepsTheHistoryAndAddsToIt()
    {
        var before = (await StoreAsync(ContractData.Mention("kettle", source: "x", handle: "ivan_x", externalId: "m-1")))!.Value;
        Store = Reopen(Store);
        var after = (await StoreAsync(ContractData.Mention("kettle again", source: "x", handle: "ivan_x", externalId: "m-2")))!.Value;

        var mentions = await Store.Authors.MentionsByAsync([new AuthorIdentity("x", "ivan_x")], 10, None);

        Assert.That(mentions.Select(m => m.Id), Is.EquivalentTo(new[] { before, after }));
        Assert.That(mentions.Select(m => m.Id), Is.Ordered.Descending);
    }

    [Test]
    public async Task RetagAsync_AddAndRemove_ChangesTheWatchListsAndSkipsWhatIsAlreadySo()
    {
        var first = (await StoreAsync(ContractData.Mention("kettle one", watches: ["acme"])))!.Value;
        var second = (await StoreAsync(ContractData.Mention("kettle two", watches: ["acme", "globex"])))!.Value;

        var changed = await Store.Retag.RetagAsync("globex", [(first, true), (second, true)], adjustRollups: true, None);
        var removed = await Store.Retag.RetagAsync("acme", [(second, false)], adjustRollups: true, None);

        Assert.That((changed, removed), Is.EqualTo((1, 1)));
        Assert.That((await Store.Mentions.GetAsync(first, None))!.Watches, Is.EquivalentTo(new[] { "acme", "globex" }));
        Assert.That((await Store.Mentions.GetAsync(second, None))!.Watches, Is.EqualTo(new[] { "globex" }));
        var tagged = await Store.Retag.TaggedAsync("globex", 0, 10, None);
        Assert.That(tagged, Is.EquivalentTo(new[] { first, second }));
        Assert.That(tagged, Is.Ordered, "in id order, so callers page by the last id");
        Assert.That(await Store.Retag.CountSinceAsync(ContractData.T0, None), Is.EqualTo(2));
        var page = await Store.Retag.ReadForRematchAsync(ContractData.T0, 0, 1, None);
        var next = await Store.Retag.ReadForRematchAsync(ContractData.T0, page[0].Id, 10, None);
        Assert.That(page.Concat(next).Select(m => m.Id), Is.EquivalentTo(new[] { first, second }));
    }

    [Test]
    public async Task ResponseRowsAsync_Period_NeedsReplyMentionsButNotBrandPostsOrIgnored()
    {
        var waiting = (await StoreAsync(Kettle("m-1")))!.Value;
        var ignored = (await StoreAsync(Kettle("m-2")))!.Value;
        await StoreAsync(ContractData.Mention("we are on it", needsReply: true, brandOf: ["acme"]));
        await StoreAsync(ContractData.Mention("love it", needsReply: false));
        await Store.Support.TriageAsync(new TriageRequest(ignored, TriageStates.Ignored, null, null, null, "anna", At), None);
        var query = new ResponseQuery(["acme"], null, null, null, ContractData.T0, ContractData.T0.AddDays(1));

        var rows = await Store.Support.ResponseRowsAsync(query, None);
        var withIgnored = await Store.Support.ResponseRowsAsync(query with { IncludeIgnored = true }, None);

        Assert.That(rows.Select(r => r.MentionId), Is.EqualTo(new[] { waiting }));
        Assert.That(rows[0].Triage, Is.EqualTo(TriageStates.New));
        Assert.That(withIgnored.Select(r => r.MentionId), Is.EquivalentTo(new[] { waiting, ignored }));
        Assert.That(await Store.Support.ResponseRowsAsync(query with { From = ContractData.T0.AddDays(1), To = ContractData.T0.AddDays(2) }, None), Is.Empty);
    }
}
