using MentionWatch.Storage.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Contract;

/// <summary>
/// Stores for the shared contract fixtures on the cluster named by <see cref="LiveCluster"/> (optional fingerprint in
/// MENTIONWATCH_TEST_ELASTICSEARCH_FINGERPRINT). Every store gets its own index prefix, writes wait for a refresh so
/// reads see them, and everything it created is deleted after the test.
/// </summary>
internal static class ElasticsearchContractStores
{
    public static ElasticsearchStore Create() => Open("mwtest-" + Guid.NewGuid().ToString("N")[..12]);

    public static ElasticsearchStore Reopen(object current)
    {
        var store = (ElasticsearchStore)current;
        var prefix = store.Options.IndexPrefix;
        store.Dispose();
        return Open(prefix);
    }

    public static void Dispose(object? current)
    {
        // Null when Create ignored the test (no cluster configured).
        if (current is not ElasticsearchStore store) return;
        DeleteEverythingAsync(store).GetAwaiter().GetResult();
        store.Dispose();
    }

    private static ElasticsearchStore Open(string prefix)
    {
        var url = LiveCluster.RequireUrl();
        var options = new ElasticsearchStoreOptions
        {
            Urls = [url.ToString()],
            ApiKey = LiveCluster.ApiKey,
            Username = LiveCluster.Username,
            Password = LiveCluster.Password,
            CertificateFingerprint = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_ELASTICSEARCH_FINGERPRINT") is { Length: > 0 } f ? f : null,
            IndexPrefix = prefix,
            WaitForRefresh = true,
        };
        return ElasticsearchStore.CreateAsync(options, TimeProvider.System, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static async Task DeleteEverythingAsync(ElasticsearchStore store)
    {
        var names = store.Names;
        foreach (var path in new[]
        {
            $"/_data_stream/{names.Mentions}", $"/{names.Watches},{names.Cursors},{names.State},{names.DeadLetters}",
            $"/{names.TriageHistory},{names.Corrections},{names.AuthorLinks},{names.ReplyLinks}",
            $"/_index_template/{names.Mentions}", $"/_ilm/policy/{names.Mentions}",
        })
            await store.Connection.SendAsync(HttpMethod.DELETE, path, (string?)null, CancellationToken.None);
    }
}
