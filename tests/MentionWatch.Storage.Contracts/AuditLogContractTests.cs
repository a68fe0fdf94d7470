using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Contracts;

/// <summary>
/// What every <see cref="IAuditLog"/> must do: keep each entry durably with an id it assigns, and read newest first
/// (by id) within a half-open time window, continuing before an id without repeats, across a restart.
/// </summary>
public abstract class AuditLogContractTests : StoreContractFixture<IAuditLog>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = ContractData.T0;

    private static AuditEntry Entry(int minutes, string route = "/api/v1/watches/{name}", string? actor = "admin", int status = 200) =>
        new(0, T0.AddMinutes(minutes), actor, "PUT", route, "acme", "127.0.0.1", status);

    [Test]
    public async Task AppendAsync_ThenRead_NewestFirstWithEveryFieldKept()
    {
        await Store.AppendAsync(Entry(0, "/api/v1/watches"), None);
        await Store.AppendAsync(Entry(1, "/api/v1/alerts/{id}/ack") with { Actor = null, Target = null, ClientAddress = null, Status = 401 }, None);
        await Store.AppendAsync(Entry(2, "/api/v1/campaigns"), None);

        var entries = await Store.ReadAsync(null, null, 10, null, None);

        Assert.That(entries.Select(e => e.Route), Is.EqualTo(new[] { "/api/v1/campaigns", "/api/v1/alerts/{id}/ack", "/api/v1/watches" }));
        Assert.That(entries.Select(e => e.Id), Is.Ordered.Descending.And.Unique);
        var anonymous = entries[1];
        Assert.That((anonymous.Actor, anonymous.Target, anonymous.ClientAddress, anonymous.Status, anonymous.At), Is.EqualTo(((string?)null, (string?)null, (string?)null, 401, T0.AddMinutes(1))));
        Assert.That((entries[0].Actor, entries[0].Method, entries[0].Target, entries[0].ClientAddress), Is.EqualTo(("admin", "PUT", "acme", "127.0.0.1")));
    }

    [Test]
    public async Task ReadAsync_FromTo_KeepsTheHalfOpenWindow()
    {
        for (var minute = 0; minute < 4; minute++) await Store.AppendAsync(Entry(minute, "/r" + minute), None);

        var window = await Store.ReadAsync(T0.AddMinutes(1), T0.AddMinutes(3), 10, null, None);

        Assert.That(window.Select(e => e.Route), Is.EqualTo(new[] { "/r2", "/r1" }));
    }

    [Test]
    public async Task ReadAsync_BeforeId_ContinuesWhereThePageEndedWithoutRepeats()
    {
        for (var minute = 0; minute < 5; minute++) await Store.AppendAsync(Entry(minute, "/r" + minute), None);

        var first = await Store.ReadAsync(null, null, 2, null, None);
        var second = await Store.ReadAsync(null, null, 2, first[^1].Id, None);
        var third = await Store.ReadAsync(null, null, 2, second[^1].Id, None);

        Assert.That(first.Concat(second).Concat(third).Select(e => e.Route), Is.EqualTo(new[] { "/r4", "/r3", "/r2", "/r1", "/r0" }));
    }

    [Test]
    public async Task AppendAsync_SameInstant_EachEntryGetsItsOwnId()
    {
        for (var i = 0; i < 3; i++) await Store.AppendAsync(Entry(0, "/same" + i), None);

        var entries = await Store.ReadAsync(null, null, 10, null, None);

        Assert.That(entries.Select(e => e.Route), Is.EqualTo(new[] { "/same2", "/same1", "/same0" }));
        Assert.That(entries.Select(e => e.Id), Is.Unique);
    }

    [Test]
    public async Task AppendAsync_AfterReopen_KeepsTheOldEntriesAndListsNewOnesFirst()
    {
        await Store.AppendAsync(Entry(0, "/before"), None);

        Store = Reopen(Store);
        await Store.AppendAsync(Entry(0, "/after-same-instant"), None);
        await Store.AppendAsync(Entry(5, "/after"), None);

        var entries = await Store.ReadAsync(null, null, 10, null, None);
        Assert.That(entries.Select(e => e.Route), Is.EqualTo(new[] { "/after", "/after-same-instant", "/before" }));
    }
}
