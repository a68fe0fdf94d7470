using System.Net;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Storage.Elasticsearch;
using MentionWatch.Server.Tests.Support;
using MentionWatch.Storage.Elasticsearch;
using MentionWatch.Storage.Elasticsearch.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentionWatch.Server.Tests.Storage;

/// <summary>
/// The real server with <c>Storage:Provider=elasticsearch</c> against a loopback cluster that answers as Elasticsearch
/// does; /readyz follows what happens to the cluster after the start (status, credentials, privileges, indices).
/// </summary>
[TestFixture]
public sealed class ElasticsearchReadinessTests
{
    private const string Password = "secret-do-not-log";
    private FakeElasticsearchServer _cluster = null!;
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _cluster = await FakeElasticsearchServer.StartAsync();
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "elasticsearch",
            ["Storage:Elasticsearch:Urls:0"] = _cluster.Url,
            ["Storage:Elasticsearch:Username"] = "mentionwatch",
            ["Storage:Elasticsearch:Password"] = Password,
            ["Storage:Elasticsearch:RequestTimeoutSeconds"] = "10",
        }, configureServices: KeywordClassifier.Use);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body, HealthReportEntry Check)> ReadyAsync()
    {
        using var response = await _server.Anonymous.GetAsync("/readyz");
        var report = await _server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == ElasticsearchHealthCheck.Name);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), report.Entries[ElasticsearchHealthCheck.Name]);
    }

    [Test]
    public async Task Readyz_GreenClusterWithEveryIndex_Healthy()
    {
        var (status, body, check) = await ReadyAsync();

        Assert.That((status, body), Is.EqualTo((HttpStatusCode.OK, "Healthy")));
        Assert.That(check.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(check.Data["missing"], Is.Empty);
        Assert.That(_server.Services.GetRequiredService<IAlertStore>(), Is.InstanceOf<ElasticsearchAlertStore>());
        Assert.That(_server.Services.GetRequiredService<IAuditLog>(), Is.InstanceOf<ElasticsearchAuditLog>());
        Assert.That(_server.Services.GetRequiredService<ICampaignStore>(), Is.InstanceOf<ElasticsearchCampaignStore>());
        Assert.That(_server.Services.GetRequiredService<IWatchAdaptationStore>(), Is.InstanceOf<ElasticsearchWatchAdaptationStore>());
    }

    [Test]
    public async Task Readyz_YellowCluster_DegradedButReady()
    {
        _cluster.ClusterStatus = "yellow";

        var (status, body, check) = await ReadyAsync();

        Assert.That((status, body), Is.EqualTo((HttpStatusCode.OK, "Degraded")));
        Assert.That(check.Description, Does.Contain("yellow"));
    }

    [Test]
    public async Task Readyz_RedCluster_UnhealthySayingRed()
    {
        _cluster.ClusterStatus = "red";

        var (status, body, check) = await ReadyAsync();

        Assert.That((status, body), Is.EqualTo((HttpStatusCode.ServiceUnavailable, "Unhealthy")));
        Assert.That(check.Description, Does.Contain("cluster status is red"));
    }

    [Test]
    public async Task Readyz_CredentialsRefused_UnhealthyNamingTheCredentialSettings()
    {
        _cluster.Intercept = (_, _) => (401, FakeSearch.Error("security_exception",
            "unable to authenticate user [mentionwatch] for REST request [/_cluster/health]", 401));

        var (status, _, check) = await ReadyAsync();

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(check.Description, Does.Contain("HTTP 401").And.Contain("Storage:Elasticsearch:ApiKey").And.Contain("Storage:Elasticsearch:Username"));
        Assert.That(check.Description, Does.Not.Contain(Password));
    }

    [Test]
    public async Task Readyz_MissingPrivilege_UnhealthyQuotingElasticsearchsReason()
    {
        const string reason = "action [cluster:monitor/health] is unauthorized for user [mentionwatch] with effective roles [mw_writer], " +
            "this action is granted by the cluster privileges [monitor,manage,all]";
        _cluster.Intercept = (_, path) => path == "/_cluster/health" ? (403, FakeSearch.Error("security_exception", reason, 403)) : null;

        var (status, _, check) = await ReadyAsync();

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(check.Description, Does.Contain("lacks a privilege").And.Contain(reason));
    }

    [Test]
    public async Task Readyz_IndexDeletedUnderTheService_UnhealthyNamingIt()
    {
        _cluster.State.DeleteIndex("mentionwatch-alert-deliveries");

        var (status, _, check) = await ReadyAsync();

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(check.Data["missing"], Is.EqualTo(new[] { "mentionwatch-alert-deliveries" }));
        Assert.That(check.Description, Does.Contain("missing mentionwatch-alert-deliveries"));
    }

    [Test]
    public async Task Readyz_UrlNowAnsweredByAnotherServer_UnhealthySayingItIsNotElasticsearch()
    {
        _cluster.IdentifiesAsElasticsearch = false;

        var (status, _, check) = await ReadyAsync();

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(check.Description, Does.Contain("is not Elasticsearch").And.Contain("x-elastic-product"));
    }
}
