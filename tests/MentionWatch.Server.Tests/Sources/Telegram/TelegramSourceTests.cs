using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Telegram;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Sources.Telegram;

/// <summary>The Telegram source inside the real service against a loopback server serving channel preview pages.</summary>
[TestFixture]
public sealed class TelegramSourceTests
{
    private const string PagePath = "/s/acmenews";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);
    private FakeApiServer _tg = null!;

    [SetUp]
    public async Task SetUp() => _tg = await FakeApiServer.StartAsync();

    [TearDown]
    public async Task TearDown() => await _tg.DisposeAsync();

    // Without Channels the scheduler polls nothing and the tests poll by hand; with them it polls at start.
    private Dictionary<string, string?> Settings => new()
    {
        ["Sources:Telegram:BaseUrl"] = _tg.BaseUrl.ToString(),
        ["Sources:Telegram:RetryBaseDelayMilliseconds"] = "1",
    };

    private static string Message(long n, string html, DateTimeOffset at) => $"""
        <div class="tgme_widget_message_wrap js-widget_message_wrap">
          <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="acmenews/{n}" data-view="x">
            <div class="tgme_widget_message_bubble">
              <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/acmenews"><span dir="auto">Acme News</span></a></div>
              <div class="tgme_widget_message_text js-message_text" dir="auto">{html}</div>
              <div class="tgme_widget_message_footer compact js-message_footer">
                <a class="tgme_widget_message_date" href="https://t.me/acmenews/{n}"><time datetime="{at:yyyy-MM-ddTHH:mm:ss}+00:00" class="time">10:00</time></a>
              </div>
            </div>
          </div>
        </div>
        """;

    private static string Page(params string[] messages) =>
        $"<html><body><header class=\"tgme_header\"><div class=\"tgme_header_info\"><div class=\"tgme_channel_info_header_title\">Acme News</div></div></header>"
        + $"<main><section class=\"tgme_channel_history js-message_history\">{string.Concat(messages)}</section></main></body></html>";

    [Test]
    public async Task RunAsync_NewPostsAcrossPagesAndARestart_PagesBackToTheCursorAndStoresEachOnce()
    {
        var store = TempDirectory.Create("tg-restart");
        try
        {
            _tg.Reply(PagePath, 200, Page(Message(10, "first <b>acme</b> post<br/>line two", T0), Message(11, "second", T0.AddMinutes(1))), contentType: "text/html");
            await using (var server = await SourceServer.StartAsync(Settings, store))
            {
                var first = await server.PollAsync<TelegramChannelSource>("acmenews", "acmenews");
                Assert.That(first.Accepted, Is.EqualTo(2), first.Error);
            }

            _tg.Reply(PagePath, 200, Page(Message(14, "fourteen", T0.AddMinutes(4)), Message(15, "fifteen", T0.AddMinutes(5))), contentType: "text/html")
                .Reply(PagePath, 200, Page(Message(11, "second", T0.AddMinutes(1)), Message(12, "twelve", T0.AddMinutes(2)), Message(13, "thirteen", T0.AddMinutes(3))), contentType: "text/html");
            await using var restarted = await SourceServer.StartAsync(Settings, store);
            var second = await restarted.PollAsync<TelegramChannelSource>("acmenews", "acmenews");

            Assert.That(second.Accepted, Is.EqualTo(4), second.Error);
            Assert.That(_tg.RequestsTo(PagePath)[^1].Query["before"], Is.EqualTo("14"));
            Assert.That(await restarted.Store().GetCursorAsync("telegram:acmenews", CancellationToken.None), Is.EqualTo("15"));
            var ids = await restarted.ExternalIdsAsync("telegram");
            Assert.That(ids, Is.EquivalentTo(new[] { "acmenews/10", "acmenews/11", "acmenews/12", "acmenews/13", "acmenews/14", "acmenews/15" }));
            var post = (await restarted.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "telegram"), 10, null, CancellationToken.None)).Items.Single(m => m.Post.ExternalId == "acmenews/10").Post;
            Assert.That(post.Text, Is.EqualTo("first acme post line two"));
            Assert.That(post.Url, Is.EqualTo("https://t.me/acmenews/10"));
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }

    [TestCase("<div class=\"tgme_widget_message_wrap\"><div class=\"tgme_widget_msg\" data-post=\"acmenews/1\">renamed class</div></div>", "no .tgme_widget_message")]
    [TestCase("<div class=\"tgme_widget_message\"><div class=\"tgme_widget_message_text\">no id</div></div>", "no data-post")]
    [TestCase("<div class=\"tgme_widget_message\" data-post=\"acmenews/3\"><div class=\"tgme_widget_message_text\">no time</div></div>", "no time[datetime]")]
    public async Task RunAsync_MarkupChanged_IsReportedAsAnErrorNotSilence(string body, string expected)
    {
        _tg.DefaultReply = new ApiReply(200, Page(body), ContentType: "text/html");
        var settings = Settings;
        settings["Sources:Telegram:Channels:0"] = "acmenews";
        await using var server = await SourceServer.StartAsync(settings);

        await Wait.ForAsync(() => server.Status("telegram")?.LastError is not null, "the scheduled poll's error");

        var status = server.Status("telegram")!;
        Assert.That(status.State, Is.EqualTo(SourceState.Failing));
        Assert.That(status.LastError, Does.Contain("markup has changed").And.Contain(expected));
    }

    [Test]
    public async Task RunAsync_RateLimitedThenServerError_RetriesAndSucceeds()
    {
        _tg.Reply(PagePath, 429, "Too Many Requests", new Dictionary<string, string> { ["Retry-After"] = "1" }, "text/plain")
            .Reply(PagePath, 502, "Bad Gateway", contentType: "text/plain")
            .Reply(PagePath, 200, Page(Message(1, "acme", T0)), contentType: "text/html");
        await using var server = await SourceServer.StartAsync(Settings);

        var outcome = await server.PollAsync<TelegramChannelSource>("acmenews", "acmenews");

        Assert.That(outcome.Accepted, Is.EqualTo(1), outcome.Error);
        Assert.That(_tg.RequestsTo(PagePath), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_NotAPublicChannel_FailsWithTheReason()
    {
        _tg.Reply(PagePath, 200, "<html><body><div class=\"tgme_page\">If you have Telegram, you can contact</div></body></html>", contentType: "text/html");
        await using var server = await SourceServer.StartAsync(Settings);

        var outcome = await server.PollAsync<TelegramChannelSource>("acmenews", "acmenews");

        Assert.That(outcome.Error, Does.Contain("not a public channel"));
    }
}
