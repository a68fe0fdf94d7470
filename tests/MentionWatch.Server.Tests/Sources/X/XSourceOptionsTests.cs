using MentionWatch.Server.Sources.X;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Tests.Sources.X;

[TestFixture]
public sealed class XSourceOptionsTests
{
    private static XSourceOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddXSource(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<XSourceOptions>>().Value;
    }

    [Test]
    public void AddXSource_NoSettings_UsesDocumentedDefaults()
    {
        var options = Resolve([]);

        Assert.Multiple(() =>
        {
            Assert.That(options.BaseUrl, Is.EqualTo("https://api.x.com"));
            Assert.That(options.PollIntervalSeconds, Is.EqualTo(60));
            Assert.That(options.MaxResults, Is.EqualTo(100));
            Assert.That(options.HasBearerToken, Is.False);
        });
    }

    [Test]
    public void AddXSource_InvalidSettings_FailListingEveryProblem()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Sources:X:BaseUrl"] = "ftp://api.x.com",
            ["Sources:X:MaxResults"] = "5",
            ["Sources:X:PollIntervalSeconds"] = "0",
        }));

        var failures = string.Join("\n", ex!.Failures);
        Assert.That(failures, Does.Contain("BaseUrl").And.Contain("MaxResults").And.Contain("PollIntervalSeconds"));
    }

    [Test]
    public void ToString_WithToken_NeverShowsIt()
    {
        var options = new XSourceOptions { BearerToken = "AAAA-secret-token" };

        Assert.That(options.ToString(), Does.Not.Contain("AAAA-secret-token").And.Contain("***"));
    }
}
