using MentionWatch.Server.Hosting;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

[TestFixture]
public sealed class LiveOptionsTests
{
    [TestCase("0")]
    [TestCase("301")]
    public async Task Start_KeepAliveSecondsOutOfRange_FailsNamingTheKey(string seconds)
    {
        var app = TestServer.Build(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = TempDirectory.Create("store"),
            ["Auth:AdminKey"] = TestServer.AdminKey,
            ["Live:KeepAliveSeconds"] = seconds,
        });
        await using var _ = app;

        var ex = Assert.CatchAsync(() => app.StartAsync());

        var problems = MentionWatchEndpoints.ConfigurationProblems(ex!);
        Assert.That(problems, Has.Exactly(1).StartsWith("Live:KeepAliveSeconds: ").And.Contains("between 1 and 300"));
    }
}
