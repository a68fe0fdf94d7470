using MentionWatch.Storage.Contracts;
namespace MentionWatch.Storage.Elasticsearch.Tests;

public sealed class OptionsValidationTests
{
    [Test]
    public void Validate_OneAbsoluteUrl_HasNoProblems()
    {
        var options = new ElasticsearchStoreOptions { Urls = ["https://es1:9200", "http://es2:9200"], ApiKey = "a2V5" };

        Assert.That(options.Validate(), Is.Empty);
    }

    [Test]
    public void Validate_EverythingWrong_ListsEveryProblemByKey()
    {
        var options = new ElasticsearchStoreOptions
        {
            Urls = ["localhost:9200", "ftp://es:21", "/relative"],
            ApiKey = "k", Username = "elastic",
            CaCertificatePath = "/nonexistent/ca.crt", CertificateFingerprint = "zz",
            IndexPrefix = "Bad Prefix", RefreshInterval = "soon", BulkMaxDocs = 0, BulkMaxBytes = 10, RetentionDays = -1,
        };

        var problems = options.Validate();

        Assert.That(problems.Select(p => p.Split(':', 4)[2]).Distinct(), Is.SupersetOf(new[]
        {
            "Urls", "ApiKey", "Password", "CaCertificatePath", "CertificateFingerprint", "IndexPrefix", "RefreshInterval", "BulkMaxDocs", "BulkMaxBytes", "RetentionDays",
        }));
        Assert.That(problems, Has.Some.StartsWith("Storage:Elasticsearch:Urls:0: 'localhost:9200' is not an absolute http or https URL"));
        Assert.That(problems, Has.Some.StartsWith("Storage:Elasticsearch:Urls:1: 'ftp://es:21'"));
        Assert.That(problems, Has.Some.StartsWith("Storage:Elasticsearch:Urls:2: '/relative'"));
        Assert.That(problems, Has.None.Contains("k;"), "the API key value itself is never echoed");
    }

    [Test]
    public void Validate_UrlWithCredentials_IsAProblemThatDoesNotEchoThem()
    {
        var options = new ElasticsearchStoreOptions { Urls = ["https://elastic:hunter2-secret@es:9200"] };

        var problems = options.Validate();

        Assert.That(problems, Has.Some.StartsWith("Storage:Elasticsearch:Urls:0: must not carry credentials"));
        Assert.That(problems, Has.None.Contains("hunter2-secret"));
    }

    [Test]
    public void Validate_NoUrls_NamesTheUrlsKey()
    {
        Assert.That(new ElasticsearchStoreOptions().Validate(), Has.Some.StartsWith("Storage:Elasticsearch:Urls: at least one cluster URL is required"));
    }

    [TestCase("AB:CD")]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    public void Validate_MalformedFingerprint_IsAProblem(string fingerprint)
    {
        var options = new ElasticsearchStoreOptions { Urls = ["https://es:9200"], CertificateFingerprint = fingerprint };

        Assert.That(options.Validate(), Has.Some.StartsWith("Storage:Elasticsearch:CertificateFingerprint"));
    }

    [Test]
    public void Validate_ColonSeparatedSha256Fingerprint_IsAccepted()
    {
        var fingerprint = string.Join(":", Enumerable.Repeat("A1", 32));
        var options = new ElasticsearchStoreOptions { Urls = ["https://es:9200"], CertificateFingerprint = fingerprint };

        Assert.That(options.Validate(), Is.Empty);
    }

    [Test]
    public void CreateAsync_InvalidOptions_ThrowsListingTheProblems()
    {
        var options = new ElasticsearchStoreOptions { Urls = ["not a url"] };

        Assert.That(async () => await ElasticsearchStore.CreateAsync(options, TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("Storage:Elasticsearch:Urls:0"));
    }
}
