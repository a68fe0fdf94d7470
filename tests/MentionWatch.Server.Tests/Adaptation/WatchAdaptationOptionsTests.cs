using MentionWatch.Server.Hosting;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Adaptation;

/// <summary>Adaptation:* settings are checked at start with the others, every problem named by its key.</summary>
[TestFixture]
public sealed class WatchAdaptationOptionsTests
{
    private static async Task<IReadOnlyList<string>> StartProblemsAsync(Dictionary<string, string?> adaptation)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = TempDirectory.Create("store"),
            ["Auth:AdminKey"] = TestServer.AdminKey,
        };
        foreach (var (k, v) in adaptation) settings[k] = v;
        var app = TestServer.Build(settings);
        await using var _ = app;
        var ex = Assert.CatchAsync(() => app.StartAsync());
        return MentionWatchEndpoints.ConfigurationProblems(ex!).ToList();
    }

    [Test]
    public async Task Start_OutOfRangeAdaptationSettings_FailsNamingEachKey()
    {
        var problems = await StartProblemsAsync(new() { ["Adaptation:Folds"] = "1", ["Adaptation:MinCorrections"] = "3", ["Adaptation:AnchorPosts"] = "-1" });
        Assert.That(problems, Has.Some.StartsWith("Adaptation:Folds: "));
        Assert.That(problems, Has.Some.StartsWith("Adaptation:MinCorrections: "));
        Assert.That(problems, Has.Some.StartsWith("Adaptation:AnchorPosts: "));
    }

    [Test]
    public async Task Start_FewerCorrectionsThanFolds_Fails()
    {
        var problems = await StartProblemsAsync(new() { ["Adaptation:Folds"] = "10", ["Adaptation:MinCorrections"] = "6" });
        Assert.That(problems, Has.Some.Contains("MinCorrections (6) must be at least Folds (10)"));
    }
}
