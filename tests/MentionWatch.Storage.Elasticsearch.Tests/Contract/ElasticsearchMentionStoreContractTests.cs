using MentionWatch.Core.Storage;
using MentionWatch.Core.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Contract;

/// <summary>
/// The shared store contract (the same fixture the SQLite store runs, compiled in from MentionWatch.Core.Tests) against a
/// real cluster named by MENTIONWATCH_TEST_ELASTICSEARCH_URL (optional _API_KEY, _USERNAME/_PASSWORD, _FINGERPRINT).
/// Every store gets its own index prefix, writes wait for a refresh so reads see them, and everything is deleted after.
/// </summary>
[TestFixture]
[Category("Elasticsearch")]
public sealed class ElasticsearchMentionStoreContractTests : MentionStoreContractTests
{
    private const string UrlVariable = "MENTIONWATCH_TEST_ELASTICSEARCH_URL";

    private static ElasticsearchStoreOptions Options(string prefix)
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
            Assert.Ignore($"{UrlVariable} not set: the Elasticsearch contract run needs a cluster (see docs/elasticsearch.md)");
        return new ElasticsearchStoreOptions
        {
            Urls = [url!],
            ApiKey = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_ELASTICSEARCH_API_KEY"),
            Username = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_ELASTICSEARCH_USERNAME"),
            Password = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_ELASTICSEARCH_PASSWORD"),
            CertificateFingerprint = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_ELASTICSEARCH_FINGERPRINT"),
            IndexPrefix = prefix,
            WaitForRefresh = true,
        };
    }

    protected override IMentionStore CreateStore() => Open("mwtest-" + Guid.NewGuid().ToString("N")[..12]);

    protected override IMentionStore Reopen(IMentionStore current)
    {
        var prefix = ((ElasticsearchStore)current).Options.IndexPrefix;
        ((ElasticsearchStore)current).Dispose();
        return Open(prefix);
    }

    protected override void DisposeStore(IMentionStore store)
    {
        // Null when CreateStore ignored the test (no cluster configured).
        if (store is not ElasticsearchStore elasticsearch) return;
        DeleteEverythingAsync(elasticsearch).GetAwaiter().GetResult();
        elasticsearch.Dispose();
    }

    private static ElasticsearchStore Open(string prefix) =>
        ElasticsearchStore.CreateAsync(Options(prefix), TimeProvider.System, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task DeleteEverythingAsync(ElasticsearchStore store)
    {
        var names = store.Names;
        foreach (var path in new[]
        {
            $"/_data_stream/{names.Mentions}", $"/{names.Watches},{names.Cursors},{names.State},{names.DeadLetters}",
            $"/_index_template/{names.Mentions}", $"/_ilm/policy/{names.Mentions}",
        })
            await store.Connection.SendAsync(HttpMethod.DELETE, path, (string?)null, CancellationToken.None);
    }
}
