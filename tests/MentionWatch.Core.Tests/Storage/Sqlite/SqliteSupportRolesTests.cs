using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage.Sqlite;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Core.Tests.Storage.Sqlite;

/// <summary>The support-roles contract over one shared database, the way the server composes it.</summary>
[TestFixture]
public sealed class SqliteSupportRolesTests : SupportRolesContractTests
{
    private readonly SqliteTestStores _stores = new();

    private static SupportRoleStores Open(SqliteStoreOptions options)
    {
        var database = SqliteDatabase.Open(options);
        var support = new SqliteSupportStore(database);
        return new SupportRoleStores(new SqliteMentionStore(database), support, support, support, new SqliteWatchRetagStore(database));
    }

    private static void Close(SupportRoleStores stores)
    {
        var mentions = (SqliteMentionStore)stores.Mentions;
        var database = mentions.Database;
        mentions.Dispose();
        database.Dispose();
    }

    // The writer skips the replies lookup for a source without reply keys (asked once per batch, here for "unrelated");
    // a key written later in the batch, before the mention, still counts.
    [Test]
    public async Task BrandReply_EarlierInTheSameBatch_IsLinkedToTheMention()
    {
        var reply = ContractData.Mention(
            ContractData.Post("@someone sorry about that", externalId: "r-1", createdAt: ContractData.T0.AddMinutes(10), handle: "acme_help", inReplyTo: "m-1"),
            brandOf: ["acme"]);
        var mention = ContractData.Mention("my kettle leaks", needsReply: true, sentiment: "negative", externalId: "m-1");

        var unrelated = ContractData.Mention("nice kettle", externalId: "m-0");

        var ids = (await Store.Mentions.StoreAsync([unrelated, reply, mention], [], CancellationToken.None)).Ids;

        var stored = await Store.Mentions.GetAsync(ids[2]!.Value, CancellationToken.None);
        Assert.That(stored!.Support!.FirstReply?.Id, Is.EqualTo(ids[1]));
        Assert.That(stored.Support.Triage, Is.EqualTo(TriageStates.Replied));
    }

    protected override SupportRoleStores CreateStore() => _stores.Create(Open);

    protected override SupportRoleStores Reopen(SupportRoleStores current) => _stores.Reopen(current, Close, Open);

    protected override void DisposeStore(SupportRoleStores store) => _stores.Dispose(store, Close);
}
