using MentionWatch.Storage.Elasticsearch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

public sealed class FailureGoldenTests
{
    [Test]
    public void CreateAsync_ServerIsNotElasticsearch_FailsSayingSo()
    {
        using var invoker = new ScriptedRequestInvoker(_ => (200, Responses.RootInfo), elasticsearchProductHeader: false);

        var error = Assert.ThrowsAsync<ElasticsearchStoreException>(async () =>
            await ElasticsearchStore.CreateAsync(ScriptedCluster.Options(), TimeProvider.System, NullLogger.Instance, invoker, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("did not identify as Elasticsearch"));
    }

    [Test]
    public void CreateAsync_WrongCredentials_NamesTheSettingsToCheck()
    {
        using var invoker = new ScriptedRequestInvoker(_ => (401,
            """{"error":{"root_cause":[{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_ilm/policy/x]"}],"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_ilm/policy/x]"},"status":401}"""));
        var options = ScriptedCluster.Options(o => { o.Username = "elastic"; o.Password = "s3cret-password"; });

        var error = Assert.ThrowsAsync<ElasticsearchStoreException>(async () =>
            await ElasticsearchStore.CreateAsync(options, TimeProvider.System, NullLogger.Instance, invoker, CancellationToken.None));

        Assert.That(error!.StatusCode, Is.EqualTo(401));
        Assert.That(error.ErrorType, Is.EqualTo("security_exception"));
        Assert.That(error.Message, Does.Contain("Storage:Elasticsearch:ApiKey or Username/Password").And.Not.Contain("s3cret-password"));
    }

    [Test]
    public void CreateAsync_MissingPrivilege_SaysAPrivilegeIsMissing()
    {
        using var invoker = new ScriptedRequestInvoker(_ => (403,
            """{"error":{"type":"security_exception","reason":"action [cluster:admin/ilm/put] is unauthorized for user [mw]"},"status":403}"""));

        var error = Assert.ThrowsAsync<ElasticsearchStoreException>(async () =>
            await ElasticsearchStore.CreateAsync(ScriptedCluster.Options(), TimeProvider.System, NullLogger.Instance, invoker, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("lacks a privilege").And.Contain("cluster:admin/ilm/put"));
    }
}
