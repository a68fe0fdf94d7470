using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Mastodon;
using MentionWatch.Server.Sources.Telegram;
using MentionWatch.Server.Sources.Vk;
using MentionWatch.Server.Sources.X;

namespace MentionWatch.Server.Tests.Sources.Support;

/// <summary>The new sources' option validators: every problem listed with its full key, private targets refused.</summary>
[TestFixture]
public sealed class SourceOptionsValidationTests
{
    private static readonly SourceNetworkPolicy Public = new(false);

    [Test]
    public void Mastodon_BadInstances_ListEveryProblem()
    {
        var options = new MastodonSourceOptions
        {
            Instances = [new() { Url = "http://10.0.0.5" }, new() { Url = "mastodon.social" }, new() { Url = "https://a.example", Hashtag = "#acme" }, new() { Url = "https://a.example/" }],
        };

        var failures = new MastodonSourceOptionsValidator(Public).Validate(null, options).Failures!.ToList();

        Assert.That(failures, Has.Some.StartsWith("Sources:Mastodon:Instances:0:Url: "), "private target refused");
        Assert.That(failures, Has.Some.StartsWith("Sources:Mastodon:Instances:1:Url must be an absolute"));
        Assert.That(failures, Has.Some.StartsWith("Sources:Mastodon:Instances:2:Hashtag"));
        Assert.That(failures, Has.Some.Contains("more than once"));
    }

    [Test]
    public void Vk_BadValues_ListEveryProblem()
    {
        var failures = new VkSourceOptionsValidator(Public).Validate(null, new VkSourceOptions { AccessToken = " tok ", ApiVersion = "latest", BaseUrl = "http://127.0.0.1/method" }).Failures!.ToList();

        Assert.That(failures, Has.Count.EqualTo(3));
        Assert.That(failures, Has.Some.Contains("Sources:Vk:ApiVersion"));
        Assert.That(failures, Has.Some.Contains("Sources:Vk:AccessToken has leading or trailing whitespace"));
        Assert.That(failures, Has.Some.StartsWith("Sources:Vk:BaseUrl: "));
    }

    [Test]
    public void Telegram_BadChannelNames_AreListed()
    {
        var failures = new TelegramSourceOptionsValidator(Public).Validate(null, new TelegramSourceOptions { Channels = ["durov", "t.me/durov", "ab"] }).Failures!.ToList();

        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "Sources:Telegram:Channels:1 must be a channel username (5-32 letters, digits or _), got 't.me/durov'.",
            "Sources:Telegram:Channels:2 must be a channel username (5-32 letters, digits or _), got 'ab'.",
        }));
    }

    [Test]
    public void XStream_EnabledWithoutTokenAndBadRanges_AreListed()
    {
        var options = new XSourceOptions { Stream = { Enabled = true, RulesSyncSeconds = 1, Streaming = { SilenceTimeoutSeconds = 0 } } };

        var failures = new XSourceOptionsValidator(Public).Validate(null, options).Failures!.ToList();

        Assert.That(failures, Has.Some.Contains("Sources:X:Stream:Enabled needs Sources:X:BearerToken"));
        Assert.That(failures, Has.Some.StartsWith("Sources:X:Stream:RulesSyncSeconds"));
        Assert.That(failures, Has.Some.StartsWith("Sources:X:Stream:Streaming:SilenceTimeoutSeconds"));
    }
}
