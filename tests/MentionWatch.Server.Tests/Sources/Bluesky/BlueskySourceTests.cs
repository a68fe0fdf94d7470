using MentionWatch.Server.Sources;
using MentionWatch.Server.Sources.Bluesky;
using MentionWatch.Server.Tests.Sources.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Sources.Bluesky;

/// <summary>The Bluesky source inside the real service against a loopback Jetstream (WebSocket) and XRPC server.</summary>
[TestFixture]
public sealed class BlueskySourceTests
{
    private const string Did = "did:plc:abc123";
    private static readonly long T0 = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds() * 1000;

    private static Dictionary<string, string?> Settings(FakeWebSocketServer jetstream, Uri? xrpc = null) => new()
    {
        ["Sources:Bluesky:Enabled"] = "true",
        ["Sources:Bluesky:JetstreamUrl"] = jetstream.WsUrl.ToString(),
        ["Sources:Bluesky:BaseUrl"] = (xrpc ?? new Uri("http://127.0.0.1:9/")).ToString(),
        ["Sources:Bluesky:ProfilesUrl"] = (xrpc ?? new Uri("http://127.0.0.1:9/")).ToString(),
        ["Sources:Bluesky:CursorCommitSeconds"] = "1",
        ["Sources:Bluesky:RetryBaseDelayMilliseconds"] = "1",
        ["Sources:Bluesky:Streaming:ReconnectBaseDelayMilliseconds"] = "1",
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
    };

    [Test]
    public async Task Stream_MixedEvents_StoresOnlyMatchingPostsAndSkipsMalformedOnes()
    {
        await using var jetstream = await FakeWebSocketServer.StartAsync(async c =>
        {
            await c.SendAsync(JetstreamWire.Post(Did, "r1", T0 + 1, "I love my acme scooter"));
            await c.SendAsync(JetstreamWire.Post(Did, "r2", T0 + 2, "nothing to see here"));
            await c.SendAsync("{not json");
            await c.SendAsync("{\"kind\":\"commit\"}");
            await c.SendAsync(JetstreamWire.Identity(Did, T0 + 3));
            await c.SendAsync(JetstreamWire.Post(Did, "r4", T0 + 4, "acme again, with #acme"));
            await c.HoldAsync();
        });
        await using var server = await SourceServer.StartAsync(Settings(jetstream));

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("bluesky")).Count == 2, "two matching posts stored");

        var ids = await server.ExternalIdsAsync("bluesky");
        Assert.That(ids, Is.EquivalentTo(new[] { $"at://{Did}/app.bsky.feed.post/r1", $"at://{Did}/app.bsky.feed.post/r4" }));
        Assert.That(jetstream.Queries[0], Does.Contain("wantedCollections=app.bsky.feed.post"));
        Assert.That(server.Services.GetRequiredService<BlueskyJetstreamSource>().Malformed, Is.EqualTo(2));
        await Wait.ForAsync(async () => await server.Store().GetCursorAsync("bluesky:stream", CancellationToken.None) == (T0 + 4).ToString(), "cursor stored");
    }

    [Test]
    public async Task Stream_AuthorsNamedByDid_AreStoredWithTheirHandlesFromIdentityEventsOrOneProfilesLookup()
    {
        const string Brand = "did:plc:brand", Customer = "did:plc:customer";
        await using var xrpc = await FakeApiServer.StartAsync();
        xrpc.Reply("/xrpc/app.bsky.actor.getProfiles", 200,
            $$"""{"profiles":[{"did":"{{Brand}}","handle":"Acme.bsky.social","displayName":"Acme"}]}""");
        await using var jetstream = await FakeWebSocketServer.StartAsync(async c =>
        {
            await c.SendAsync(JetstreamWire.Identity(Customer, T0 + 1, "jane.example.com"));
            await c.SendAsync(JetstreamWire.Post(Customer, "c1", T0 + 2, "my acme scooter is broken"));
            await c.SendAsync(JetstreamWire.Post(Brand, "b1", T0 + 3, "sorry to hear that, acme support will DM you"));
            await c.HoldAsync();
        });
        var settings = Settings(jetstream, xrpc.BaseUrl);
        settings["Watches:0:OwnHandles:0"] = "acme.bsky.social";
        await using var server = await SourceServer.StartAsync(settings);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("bluesky")).Count == 2, "both posts stored");
        var stored = (await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "bluesky"), 10, null, CancellationToken.None)).Items
            .ToDictionary(m => m.Post.Author.Id!);
        Assert.That(stored[Customer].Post.Author.Handle, Is.EqualTo("jane.example.com"), "learned from the identity event");
        Assert.That(stored[Customer].Post.Url, Is.EqualTo("https://bsky.app/profile/jane.example.com/post/c1"));
        Assert.That(stored[Brand].Post.Author.Handle, Is.EqualTo("acme.bsky.social"), "looked up with getProfiles");
        Assert.That(stored[Brand].BrandPostOf, Is.EqualTo(new[] { "acme" }), "the brand's own post is recognised by its handle");
        var lookups = xrpc.RequestsTo("/xrpc/app.bsky.actor.getProfiles");
        Assert.That(lookups, Has.Count.EqualTo(1));
        Assert.That(lookups[0].Query["actors"], Is.EqualTo(Brand), "only the DID not already known is looked up");
    }

    [Test]
    public async Task Stream_ProfilesLookupFailing_StoresPostsWithTheirDidsAndPausesLookups()
    {
        await using var xrpc = await FakeApiServer.StartAsync();
        xrpc.DefaultReply = new ApiReply(502, "<html>bad gateway</html>", ContentType: "text/html");
        var started = new TaskCompletionSource<TestServer>();
        await using var jetstream = await FakeWebSocketServer.StartAsync(async c =>
        {
            await c.SendAsync(JetstreamWire.Post(Did, "r1", T0 + 1, "acme one"));
            // The second post in a later batch, after the first one's lookup failed.
            await started.Task.StoredAsync("bluesky", 1, c.Context.RequestAborted);
            await c.SendAsync(JetstreamWire.Post("did:plc:other", "r2", T0 + 2, "acme two"));
            await c.HoldAsync();
        });
        await using var server = await SourceServer.StartAsync(Settings(jetstream, xrpc.BaseUrl));
        started.SetResult(server);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("bluesky")).Count == 2, "both posts stored");
        var handles = (await server.Store().SearchAsync(new Core.Storage.MentionFilter(Source: "bluesky"), 10, null, CancellationToken.None)).Items
            .Select(m => m.Post.Author.Handle);
        Assert.That(handles, Is.EquivalentTo(new[] { Did, "did:plc:other" }));
        Assert.That(xrpc.RequestsTo("/xrpc/app.bsky.actor.getProfiles"), Has.Count.EqualTo(1), "after a failure lookups pause instead of slowing every batch");
    }

    [Test]
    public async Task Stream_DroppedWithoutCloseFrame_ResumesFromTheCursorAndStoresReplayedPostsOnce()
    {
        var started = new TaskCompletionSource<TestServer>();
        await using var jetstream = await FakeWebSocketServer.StartAsync(async c =>
        {
            if (c.Number == 1)
            {
                await c.SendAsync(JetstreamWire.Post(Did, "r1", T0 + 1, "acme one"));
                await started.Task.StoredAsync("bluesky", 1, c.Context.RequestAborted);
                c.Drop();
                return;
            }

            // Jetstream replays from the cursor, including the event at the cursor itself.
            await c.SendAsync(JetstreamWire.Post(Did, "r1", T0 + 1, "acme one"));
            await c.SendAsync(JetstreamWire.Post(Did, "r2", T0 + 2, "acme two"));
            await c.HoldAsync();
        });
        await using var server = await SourceServer.StartAsync(Settings(jetstream));
        started.SetResult(server);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("bluesky")).Count == 2, "both posts stored");

        Assert.That(jetstream.Connections, Is.EqualTo(2));
        Assert.That(jetstream.Queries[1], Does.Contain("&cursor=" + (T0 + 1)));
        Assert.That(await server.ExternalIdsAsync("bluesky"), Has.Count.EqualTo(2), "the replayed post is stored once");
        Assert.That(server.Status("bluesky")!.LastError, Does.Contain("stream disconnected"));
    }

    [Test]
    public async Task Stream_RestartOnTheSameStore_ConnectsWithTheStoredCursorAndLosesNothing()
    {
        var store = TempDirectory.Create("bsky-restart");
        try
        {
            await using (var first = await FakeWebSocketServer.StartAsync(async c =>
            {
                await c.SendAsync(JetstreamWire.Post(Did, "r1", T0 + 1, "acme one"));
                await c.HoldAsync();
            }))
            await using (var server = await SourceServer.StartAsync(Settings(first), store))
            {
                await Wait.ForAsync(async () => await server.Store().GetCursorAsync("bluesky:stream", CancellationToken.None) is not null, "cursor stored");
            }

            await using var second = await FakeWebSocketServer.StartAsync(async c =>
            {
                await c.SendAsync(JetstreamWire.Post(Did, "r1", T0 + 1, "acme one"));
                await c.SendAsync(JetstreamWire.Post(Did, "r2", T0 + 2, "acme two"));
                await c.HoldAsync();
            });
            await using var restarted = await SourceServer.StartAsync(Settings(second), store);
            await Wait.ForAsync(async () => (await restarted.ExternalIdsAsync("bluesky")).Count == 2, "the post after the restart");

            Assert.That(second.Queries[0], Does.Contain("&cursor=" + (T0 + 1)));
            Assert.That(await restarted.ExternalIdsAsync("bluesky"), Has.Count.EqualTo(2));
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }

    [Test]
    public async Task Backfill_NewWatchWithAppPassword_SearchesWithTheSessionAndRetriesA503()
    {
        await using var jetstream = await FakeWebSocketServer.StartAsync(c => c.HoldAsync());
        await using var xrpc = await FakeApiServer.StartAsync();
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        xrpc.Reply("/xrpc/com.atproto.server.createSession", 200, "{\"accessJwt\":\"jwt-1\",\"refreshJwt\":\"r\",\"handle\":\"me.bsky.social\",\"did\":\"did:plc:me\"}")
            .Reply("/xrpc/app.bsky.feed.searchPosts", 503, "{\"error\":\"InternalServerError\"}")
            .Reply("/xrpc/app.bsky.feed.searchPosts", 200, JetstreamWire.SearchPage("c2", ("did:plc:u1", "s1", "u1.bsky.social", "acme is great", at), ("did:plc:u2", "s2", "u2.bsky.social", "unrelated", at)))
            .Reply("/xrpc/app.bsky.feed.searchPosts", 200, JetstreamWire.SearchPage(null));
        var settings = Settings(jetstream, xrpc.BaseUrl);
        settings["Sources:Bluesky:Identifier"] = "me.bsky.social";
        settings["Sources:Bluesky:AppPassword"] = "app-pass-word";
        await using var server = await SourceServer.StartAsync(settings);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("bluesky")).Count == 1, "the backfilled post");

        var searches = xrpc.RequestsTo("/xrpc/app.bsky.feed.searchPosts");
        Assert.That(searches[0].Headers["Authorization"], Is.EqualTo("Bearer jwt-1"));
        Assert.That(searches[0].Query["q"], Is.EqualTo("acme"));
        Assert.That(searches[^1].Query["cursor"], Is.EqualTo("c2"));
        Assert.That(xrpc.RequestsTo("/xrpc/com.atproto.server.createSession").Single().Body, Does.Contain("app-pass-word"));
        Assert.That(await server.Store().GetCursorAsync("bluesky:backfill.acme", CancellationToken.None), Is.Not.Null, "done once");
    }

    [Test]
    public async Task Backfill_SearchRateLimited_WaitsForRatelimitResetThenSucceeds()
    {
        await using var jetstream = await FakeWebSocketServer.StartAsync(c => c.HoldAsync());
        await using var xrpc = await FakeApiServer.StartAsync();
        var reset = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString();
        xrpc.Reply("/xrpc/com.atproto.server.createSession", 200, "{\"accessJwt\":\"jwt-1\",\"refreshJwt\":\"r\",\"handle\":\"me\",\"did\":\"did:plc:me\"}")
            .Reply("/xrpc/app.bsky.feed.searchPosts", 429, "{\"error\":\"RateLimitExceeded\"}", new Dictionary<string, string> { ["ratelimit-limit"] = "3000", ["ratelimit-remaining"] = "0", ["ratelimit-reset"] = reset })
            .Reply("/xrpc/app.bsky.feed.searchPosts", 200, JetstreamWire.SearchPage(null, ("did:plc:u1", "s1", "u1.bsky.social", "acme later", DateTimeOffset.UtcNow.AddHours(-1))));
        var settings = Settings(jetstream, xrpc.BaseUrl);
        settings["Sources:Bluesky:Identifier"] = "me.bsky.social";
        settings["Sources:Bluesky:AppPassword"] = "app-pass-word";
        var started = DateTime.UtcNow;
        await using var server = await SourceServer.StartAsync(settings);

        await Wait.ForAsync(async () => (await server.ExternalIdsAsync("bluesky")).Count == 1, "the post after the rate limit");

        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "waited for ratelimit-reset");
        Assert.That(xrpc.RequestsTo("/xrpc/app.bsky.feed.searchPosts"), Has.Count.EqualTo(2));
    }

    [Test]
    public void Options_BadValues_ListEveryProblem()
    {
        var failures = new BlueskySourceOptionsValidator(new(false)).Validate(null, new BlueskySourceOptions
        {
            Enabled = true, JetstreamUrl = "https://jetstream", BaseUrl = "http://127.0.0.1", Identifier = "me",
        }).Failures!.ToList();

        Assert.That(failures, Has.Some.Contains("JetstreamUrl must be an absolute ws or wss URL"));
        Assert.That(failures, Has.Some.Contains("Sources:Bluesky:BaseUrl"));
        Assert.That(failures, Has.Some.Contains("Identifier and Sources:Bluesky:AppPassword must be set together"));
    }
}
