namespace MentionWatch.Storage.Contracts;

/// <summary>
/// The cluster a backend's contract subclass runs against when one is configured: <c>MENTIONWATCH_TEST_ELASTICSEARCH_URL</c>
/// (e.g. http://localhost:9200), with optional <c>MENTIONWATCH_TEST_ELASTICSEARCH_USERNAME</c>/<c>_PASSWORD</c> or <c>_API_KEY</c>.
/// Without it those fixtures are ignored with this message, never failed, so machines without a cluster stay green.
/// Mark such fixtures <c>[Category(LiveCluster.Category)]</c> so a run can select or exclude them.
/// </summary>
public static class LiveCluster
{
    public const string Category = "Elasticsearch";
    public const string UrlVariable = "MENTIONWATCH_TEST_ELASTICSEARCH_URL";

    public static string? Url => Setting(UrlVariable);
    public static string? Username => Setting("MENTIONWATCH_TEST_ELASTICSEARCH_USERNAME");
    public static string? Password => Setting("MENTIONWATCH_TEST_ELASTICSEARCH_PASSWORD");
    public static string? ApiKey => Setting("MENTIONWATCH_TEST_ELASTICSEARCH_API_KEY");

    /// <summary>The cluster URL; ignores the current test (NUnit) when none is configured.</summary>
    public static Uri RequireUrl()
    {
        var url = Url;
        if (url is null) Assert.Ignore($"{UrlVariable} is not set: no Elasticsearch cluster to run the contract against.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) Assert.Fail($"{UrlVariable} '{url}' is not an absolute URL.");
        return uri!;
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
