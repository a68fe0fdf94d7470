using System.Text.Json.Nodes;
using MentionWatch.Storage.Elasticsearch.Tests.Support;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class IndexSetupGoldenTests
{
    private static string DeployFile(string name)
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "deploy", "elasticsearch"))) directory = directory.Parent;
        Assert.That(directory, Is.Not.Null, "the repository's deploy/elasticsearch folder");
        return File.ReadAllText(Path.Combine(directory!.FullName, "deploy", "elasticsearch", name));
    }

    [Test]
    public async Task CreateAsync_FreshCluster_InstallsPolicyTemplateDataStreamAndIndicesInOrder()
    {
        using var cluster = new ScriptedCluster();

        using var store = await cluster.CreateStoreAsync(ScriptedCluster.Options(o => { o.RetentionDays = 30; o.RefreshInterval = "5s"; }));

        Assert.That(cluster.Invoker.Requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "GET /",
            "PUT /_ilm/policy/mentionwatch-mentions",
            "PUT /_index_template/mentionwatch-mentions",
            "PUT /_data_stream/mentionwatch-mentions",
            "PUT /mentionwatch-watches",
            "PUT /mentionwatch-cursors",
            "PUT /mentionwatch-state",
            "PUT /mentionwatch-dead-letters",
            "PUT /mentionwatch-alerts",
            "PUT /mentionwatch-alert-mention-links",
            "PUT /mentionwatch-alert-deliveries",
            "PUT /mentionwatch-alert-delivery-attempts",
            "PUT /mentionwatch-alert-rules",
            "PUT /mentionwatch-audit",
            "PUT /mentionwatch-campaigns",
            "PUT /mentionwatch-watch-adaptations",
            "PUT /mentionwatch-triage-history",
            "PUT /mentionwatch-corrections",
            "PUT /mentionwatch-author-links",
            "PUT /mentionwatch-reply-links",
        }));
        Assert.That(cluster.Invoker.Requests[1].Body, Is.EqualTo(
            """{"policy":{"_meta":{"managed_by":"mentionwatch","version":1},"phases":{"hot":{"actions":{"rollover":{"max_primary_shard_size":"50gb","max_age":"30d"}}},"delete":{"min_age":"30d","actions":{"delete":{}}}}}}"""));
    }

    [Test]
    public async Task CreateAsync_Template_IsTheDeployFileWithTheConfiguredValues()
    {
        using var cluster = new ScriptedCluster();

        using var store = await cluster.CreateStoreAsync(ScriptedCluster.Options(o => { o.IndexPrefix = "acme-mw"; o.RefreshInterval = "5s"; }));

        var sent = cluster.Invoker.Requests.Single(r => r.Path == "/_index_template/acme-mw-mentions").Body;
        var expected = JsonNode.Parse(DeployFile("mentions-index-template.json"))!;
        expected["index_patterns"] = new JsonArray("acme-mw-mentions*");
        expected["template"]!["settings"]!["index"]!["refresh_interval"] = "5s";
        expected["template"]!["settings"]!["index"]!["lifecycle"]!["name"] = "acme-mw-mentions";
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(sent), expected), Is.True, sent);
        Assert.That(sent, Does.Contain("\"mappings\":[\"ё => е\",\"Ё => Е\"]"), "the ё folding is sent as readable UTF-8");
        Assert.That(sent, Does.Contain("\"data_stream\":{}").And.Contain("\"version\":2").And.Contain("\"analyzer\":\"mention_russian\""));
    }

    [Test]
    public async Task CreateAsync_NoRetention_InstallsPolicyWithoutDeletePhase()
    {
        using var cluster = new ScriptedCluster();

        using var store = await cluster.CreateStoreAsync();

        Assert.That(cluster.Invoker.Requests[1].Body, Does.Not.Contain("delete").And.Contain("rollover"));
    }

    [Test]
    public async Task CreateAsync_IndicesAlreadyExist_KeepsThemAndExtendsTheirMappings()
    {
        var invoker = new ScriptedRequestInvoker(r => r.Method == "GET" ? (200, Responses.RootInfo) :
            r.Method == "PUT" && !r.Path.StartsWith("/_ilm", StringComparison.Ordinal) && !r.Path.StartsWith("/_index_template", StringComparison.Ordinal)
                && !r.Path.EndsWith("/_mapping", StringComparison.Ordinal)
                ? (400, Responses.AlreadyExists)
                : (200, Responses.Acknowledged));

        using var store = await ElasticsearchStore.CreateAsync(ScriptedCluster.Options(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, invoker, CancellationToken.None);

        var paths = invoker.Requests.Select(r => r.Method + " " + r.Path).ToList();
        Assert.That(paths, Is.EqualTo(new[]
        {
            "GET /", "PUT /_ilm/policy/mentionwatch-mentions", "PUT /_index_template/mentionwatch-mentions", "PUT /_data_stream/mentionwatch-mentions",
            "PUT /mentionwatch-mentions/_mapping",
            "PUT /mentionwatch-watches", "PUT /mentionwatch-watches/_mapping", "PUT /mentionwatch-cursors", "PUT /mentionwatch-cursors/_mapping",
            "PUT /mentionwatch-state", "PUT /mentionwatch-state/_mapping", "PUT /mentionwatch-dead-letters", "PUT /mentionwatch-dead-letters/_mapping",
            "PUT /mentionwatch-alerts", "PUT /mentionwatch-alerts/_mapping", "PUT /mentionwatch-alert-mention-links", "PUT /mentionwatch-alert-mention-links/_mapping",
            "PUT /mentionwatch-alert-deliveries", "PUT /mentionwatch-alert-deliveries/_mapping",
            "PUT /mentionwatch-alert-delivery-attempts", "PUT /mentionwatch-alert-delivery-attempts/_mapping",
            "PUT /mentionwatch-alert-rules", "PUT /mentionwatch-alert-rules/_mapping", "PUT /mentionwatch-audit", "PUT /mentionwatch-audit/_mapping",
            "PUT /mentionwatch-campaigns", "PUT /mentionwatch-campaigns/_mapping",
            "PUT /mentionwatch-watch-adaptations", "PUT /mentionwatch-watch-adaptations/_mapping",
            "PUT /mentionwatch-triage-history", "PUT /mentionwatch-triage-history/_mapping", "PUT /mentionwatch-corrections", "PUT /mentionwatch-corrections/_mapping",
            "PUT /mentionwatch-author-links", "PUT /mentionwatch-author-links/_mapping", "PUT /mentionwatch-reply-links", "PUT /mentionwatch-reply-links/_mapping",
        }));
        var streamMapping = JsonNode.Parse(invoker.Requests[4].Body)!;
        Assert.That(streamMapping["properties"]!["triage"]!["type"]!.GetValue<string>(), Is.EqualTo("keyword"),
            "an existing data stream gets the support fields on its backing indices, which are updated in place");
        var mapping = JsonNode.Parse(invoker.Requests[6].Body)!;
        Assert.That(mapping["properties"]!["name"]!["type"]!.GetValue<string>(), Is.EqualTo("keyword"));
        Assert.That(mapping["_meta"]!["version"]!.GetValue<int>(), Is.EqualTo(1));
    }
}
