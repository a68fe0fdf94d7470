using MentionWatch.Core.Alerts;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>
/// What every <see cref="IAlertStore"/> must do: an evaluation step (alerts, their mentions, outbox deliveries, the
/// evaluation position) is durable as a whole and safe to replay, the position never moves back, and each delivery
/// attempt is kept with the delivery's new state.
/// </summary>
public abstract class AlertStateContractTests : StoreContractFixture<IAlertStore>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = ContractData.T0;

    private static Alert SomeAlert(long id, AlertState state = AlertState.Open, string rule = "negative-spike") =>
        new(id, rule, "spike", "acme", "acme", state, AlertSeverity.Warning, 2, $"Negative spike on acme #{id}", "2 negative mentions in 10 minutes",
            T0, T0.AddMinutes(10), null, state == AlertState.Resolved ? T0.AddHours(1) : null,
            [new AlertMention(101, "x", "t-101", "https://x.test/101", "acme kettle broke again", new AlertAuthor("ivan", "Ivan", 42), T0, "negative", true, 0.9f)]);

    private static AlertRecord Record(Alert alert) => new(alert, ["ops-webhook"], 1, T0.AddMinutes(10), null, false, false);

    private static DeliveryRecord Delivery(Alert alert, string deliveryId) =>
        new(deliveryId, alert.Id, AlertEventType.Triggered, "ops-webhook", alert, T0.AddMinutes(10), DeliveryState.Pending, 0, T0.AddMinutes(10), null, null);

    private Task ApplyAsync(Alert alert, long? position, params string[] deliveryIds) =>
        Store.ApplyAsync(new AlertChanges([Record(alert)], [(alert.Id, 101L), (alert.Id, 102L)], [.. deliveryIds.Select(d => Delivery(alert, d))], position), None);

    [Test]
    public async Task LoadAsync_EmptyStore_NothingUnresolvedAndNoPosition()
    {
        var snapshot = await Store.LoadAsync(None);

        Assert.That(snapshot.Unresolved, Is.Empty);
        Assert.That(snapshot.LastAlertId, Is.Zero);
        Assert.That(snapshot.EvaluatedArrival, Is.Null);
        Assert.That(await Store.PendingDeliveriesAsync(None), Is.Empty);
    }

    [Test]
    public async Task ApplyAsync_OneStep_AlertMentionsDeliveriesAndPositionSurviveReopen()
    {
        await ApplyAsync(SomeAlert(1), 42, "1-1-ops-webhook");

        Store = Reopen(Store);

        var snapshot = await Store.LoadAsync(None);
        Assert.That(snapshot.LastAlertId, Is.EqualTo(1));
        Assert.That(snapshot.EvaluatedArrival, Is.EqualTo(42));
        Assert.That(snapshot.Unresolved.Select(r => r.Alert.Title), Is.EqualTo(new[] { "Negative spike on acme #1" }));
        Assert.That(snapshot.Unresolved[0].Notifiers, Is.EqualTo(new[] { "ops-webhook" }));
        var pending = await Store.PendingDeliveriesAsync(None);
        Assert.That(pending.Select(d => d.DeliveryId), Is.EqualTo(new[] { "1-1-ops-webhook" }));
        Assert.That(pending[0].Alert.Mentions.Single().Text, Is.EqualTo("acme kettle broke again"), "the snapshot every attempt sends");
        var detail = await Store.GetAsync(1, None);
        Assert.That(detail!.MentionIds, Is.EquivalentTo(new[] { 101L, 102L }));
        Assert.That(await Store.GetAsync(2, None), Is.Null);
    }

    [Test]
    public async Task ApplyAsync_SameStepReplayed_QueuesEachDeliveryAndLinkOnce()
    {
        // A crash after the step was written but before the engine knew: it evaluates the same mentions again.
        await ApplyAsync(SomeAlert(1), 42, "1-1-ops-webhook");
        await ApplyAsync(SomeAlert(1), 42, "1-1-ops-webhook");

        Assert.That(await Store.PendingDeliveriesAsync(None), Has.Count.EqualTo(1));
        Assert.That((await Store.GetAsync(1, None))!.MentionIds, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ApplyAsync_OlderPosition_NeverMovesThePositionBack()
    {
        await ApplyAsync(SomeAlert(1), 50);
        await ApplyAsync(SomeAlert(1) with { Count = 3 }, 40);
        await Store.ApplyAsync(new AlertChanges([], [], [], null), None);

        Assert.That((await Store.LoadAsync(None)).EvaluatedArrival, Is.EqualTo(50));
        Assert.That((await Store.GetRecordAsync(1, None))!.Alert.Count, Is.EqualTo(3), "a later step replaces the alert");
    }

    [Test]
    public async Task RecordAttemptAsync_Delivered_LeavesThePendingListAndKeepsTheAttempt()
    {
        var alert = SomeAlert(1);
        await ApplyAsync(alert, 1, "1-1-ops-webhook");
        var delivered = Delivery(alert, "1-1-ops-webhook") with { State = DeliveryState.Delivered, Attempts = 1, DeliveredAt = T0.AddMinutes(11) };

        await Store.RecordAttemptAsync(new DeliveryAttempt("1-1-ops-webhook", 1, T0.AddMinutes(11), "delivered", 200, "ok", 12.5), delivered, None);

        Assert.That(await Store.PendingDeliveriesAsync(None), Is.Empty);
        var detail = await Store.GetAsync(1, None);
        Assert.That(detail!.Attempts.Select(a => (a.Attempt, a.Outcome, a.StatusCode)), Is.EqualTo(new[] { (1, "delivered", (int?)200) }));
        Assert.That(detail.Deliveries.Single().State, Is.EqualTo(DeliveryState.Delivered));
        Assert.That(detail.Deliveries.Single().DeliveredAt, Is.EqualTo(T0.AddMinutes(11)));
    }

    [Test]
    public async Task RecordAttemptAsync_GivenUp_ListedAsDeadWithItsError()
    {
        var alert = SomeAlert(1);
        await ApplyAsync(alert, 1, "1-1-ops-webhook");
        var dead = Delivery(alert, "1-1-ops-webhook") with { State = DeliveryState.Dead, Attempts = 8, LastError = "HTTP 500" };

        await Store.RecordAttemptAsync(new DeliveryAttempt("1-1-ops-webhook", 8, T0.AddHours(2), "failed", 500, "HTTP 500", 30), dead, None);

        var deadList = await Store.DeadDeliveriesAsync(10, None);
        Assert.That(deadList.Select(d => (d.DeliveryId, d.Attempts, d.LastError)), Is.EqualTo(new[] { ("1-1-ops-webhook", 8, (string?)"HTTP 500") }));
        Assert.That(await Store.PendingDeliveriesAsync(None), Is.Empty);
    }

    [Test]
    public async Task ListAsync_ByState_ReturnsOnlyThatStateAndResolvedAlertsLeaveTheSnapshot()
    {
        await ApplyAsync(SomeAlert(1), 1);
        await ApplyAsync(SomeAlert(2, AlertState.Resolved), 2);

        var open = await Store.ListAsync(new AlertQuery(State: AlertState.Open), None);
        var resolved = await Store.ListAsync(new AlertQuery(State: AlertState.Resolved), None);

        Assert.That(open.Items.Select(a => a.Id), Is.EqualTo(new[] { 1L }));
        Assert.That(resolved.Items.Select(a => a.Id), Is.EqualTo(new[] { 2L }));
        Assert.That((await Store.LoadAsync(None)).Unresolved.Select(r => r.Alert.Id), Is.EqualTo(new[] { 1L }));
    }

    [Test]
    public async Task Rules_UpsertListDelete_KeptByName()
    {
        Assert.That(await Store.UpsertRuleAsync("night-spike", "{\"type\":\"spike\"}", None), Is.True);
        Assert.That(await Store.UpsertRuleAsync("night-spike", "{\"type\":\"spike\",\"factor\":3}", None), Is.False);

        Store = Reopen(Store);

        Assert.That(await Store.ListRulesAsync(None), Is.EqualTo(new[] { ("night-spike", "{\"type\":\"spike\",\"factor\":3}") }));
        Assert.That(await Store.DeleteRuleAsync("night-spike", None), Is.True);
        Assert.That(await Store.DeleteRuleAsync("night-spike", None), Is.False);
        Assert.That(await Store.ListRulesAsync(None), Is.Empty);
    }
}
