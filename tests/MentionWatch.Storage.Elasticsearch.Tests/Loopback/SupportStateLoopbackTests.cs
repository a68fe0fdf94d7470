using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Storage.Contracts;
using MentionWatch.Storage.Elasticsearch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Loopback;

[Category("Loopback")]
public sealed class SupportStateLoopbackTests
{
    private static readonly DateTimeOffset At = ContractData.T0.AddHours(1);
    private FakeElasticsearchServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await FakeElasticsearchServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private Task<ElasticsearchStore> NodeAsync() => ElasticsearchStore.CreateAsync(
        new ElasticsearchStoreOptions { Urls = [_server.Url], RetryBaseDelayMilliseconds = 1 }, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

    [Test]
    public async Task TriageAsync_TwoNodesMoveTheSameMentionAtOnce_ExactlyOneWinsAndTheOtherIsCheckedAgainstItsState()
    {
        using var nodeA = await NodeAsync();
        using var nodeB = await NodeAsync();
        var id = (await nodeA.StoreAsync([ContractData.Mention("where is my kettle?", needsReply: true)], [], CancellationToken.None)).Ids[0]!.Value;
        var agentA = new ElasticsearchSupportStore(nodeA);
        var agentB = new ElasticsearchSupportStore(nodeB);
        // Both read the same version before either writes; the cluster then applies one write and refuses the other (409).
        _server.HoldConditionalWritesUntil(2);

        var outcomes = await Task.WhenAll(
            Task.Run(() => agentA.TriageAsync(new TriageRequest(id, TriageStates.Resolved, null, null, "done", "anna", At), CancellationToken.None)),
            Task.Run(() => agentB.TriageAsync(new TriageRequest(id, TriageStates.Ignored, null, null, "spam", "bob", At), CancellationToken.None)));

        var winner = outcomes.Single(o => o.Result == TriageResult.Changed);
        var loser = outcomes.Single(o => o.Result != TriageResult.Changed);
        Assert.That(loser.Result, Is.EqualTo(TriageResult.NotAllowed));
        Assert.That(loser.Current, Is.EqualTo(winner.Current), "the loser's move was checked against what the winner stored");
        Assert.That(loser.Allowed, Is.EqualTo(new[] { TriageStates.Reopened }));
        var history = await agentA.HistoryAsync(id, CancellationToken.None);
        Assert.That(history!.Select(h => h.To), Is.EqualTo(new[] { winner.Current }), "one history entry: the winner's");
        Assert.That((await nodeB.GetAsync(id, CancellationToken.None))!.Support!.Triage, Is.EqualTo(winner.Current));
    }

    [Test]
    public async Task StoreAsync_BrandReplyAfterTheMention_LinksFirstReplyAndMovesToReplied()
    {
        using var node = await NodeAsync();
        var support = new ElasticsearchSupportStore(node);
        var mention = (await node.StoreAsync([ContractData.Mention("kettle leaks", needsReply: true, externalId: "m-1")], [], CancellationToken.None)).Ids[0]!.Value;
        await support.TriageAsync(new TriageRequest(mention, TriageStates.Assigned, "care", "bob", null, "anna", At), CancellationToken.None);

        var late = ContractData.Mention(ContractData.Post("@someone sorry, try this", externalId: "r-2", createdAt: ContractData.T0.AddMinutes(30), handle: "acme_help",
            inReplyTo: "m-1"), brandOf: ["acme"]);
        var early = ContractData.Mention(ContractData.Post("@someone on it", externalId: "r-1", createdAt: ContractData.T0.AddMinutes(10), handle: "acme_help",
            inReplyTo: "m-1"), brandOf: ["acme"]);
        var fan = ContractData.Mention(ContractData.Post("same here", externalId: "f-1", createdAt: ContractData.T0.AddMinutes(5), inReplyTo: "m-1"));
        var lateId = (await node.StoreAsync([late, fan], [], CancellationToken.None)).Ids[0]!.Value;
        var earlyId = (await node.StoreAsync([early], [], CancellationToken.None)).Ids[0]!.Value;

        var stored = (await node.GetAsync(mention, CancellationToken.None))!.Support!;
        Assert.That(stored, Is.EqualTo(new MentionSupport(TriageStates.Replied, "care", "bob", new BrandReply(earlyId, ContractData.T0.AddMinutes(10)))),
            "the earliest brand reply by post time is the first, whichever arrived first; the fan's reply counts for nothing");
        var replies = await support.RepliesAsync([mention], CancellationToken.None);
        Assert.That(replies[mention].Select(r => r.Id), Is.EqualTo(new[] { earlyId, lateId }));
        var history = await support.HistoryAsync(mention, CancellationToken.None);
        Assert.That(history!.Select(h => (h.From, h.To, h.Actor)), Is.EqualTo(new[] { ("new", "assigned", "anna"), ("assigned", "replied", ReplyLinker.LinkActor) }));
    }

    [Test]
    public async Task StoreAsync_ReplyBeforeItsMentionAndTheBatchSentTwice_LinksOnce()
    {
        using var node = await NodeAsync();
        var support = new ElasticsearchSupportStore(node);
        var reply = ContractData.Mention(ContractData.Post("@someone on it", externalId: "r-1", createdAt: ContractData.T0.AddMinutes(10), handle: "acme_help",
            inReplyTo: "m-1"), brandOf: ["acme"]);
        var replyId = (await node.StoreAsync([reply], [], CancellationToken.None)).Ids[0]!.Value;
        var kettle = ContractData.Mention("kettle leaks", needsReply: true, externalId: "m-1");

        var mention = (await node.StoreAsync([kettle], [], CancellationToken.None)).Ids[0]!.Value;
        var again = await node.StoreAsync([kettle, reply], [], CancellationToken.None);

        Assert.That(again.Ids, Is.EqualTo(new long?[] { null, null }), "both are duplicates the second time");
        Assert.That((await node.GetAsync(mention, CancellationToken.None))!.Support!.FirstReply, Is.EqualTo(new BrandReply(replyId, ContractData.T0.AddMinutes(10))));
        Assert.That((await support.RepliesAsync([mention], CancellationToken.None))[mention], Has.Count.EqualTo(1));
        Assert.That(await support.HistoryAsync(mention, CancellationToken.None), Has.Count.EqualTo(1), "one move to replied, not one per replay");
    }
}
