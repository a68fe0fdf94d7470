using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Pipeline;

/// <summary>The pipeline as composed in the real server, driven through IMentionPipeline like the sources do.</summary>
[TestFixture]
public sealed class MentionPipelineTests
{
    private TestServer _server = null!;
    private IMentionPipeline _pipeline = null!;
    private IMentionStore _store = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Pipeline:ChannelCapacity"] = "2" });
        _pipeline = _server.Services.GetRequiredService<IMentionPipeline>();
        _store = _server.Services.GetRequiredService<IMentionStore>();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static Post NewPost(string source, string id, string text = "hello voltik") =>
        new(source, id, text, DateTimeOffset.UtcNow.AddMinutes(-1), new Author("a1", "author"));

    [Test]
    public async Task Submit_ManyConcurrentSubmitters_EveryPostStoredOnceWithCorrectCounts()
    {
        var source = "conc" + Guid.NewGuid().ToString("N")[..6];
        // 16 submitters through channels of capacity 2; batches overlap so the store stage merges and dedupes across them.
        var tasks = Enumerable.Range(0, 16).Select(b => _pipeline.SubmitAsync(
            Enumerable.Range(0, 100).Select(i => NewPost(source, $"{(b * 50) + i}")).ToList(), [], CancellationToken.None));

        var results = await Task.WhenAll(tasks);

        var distinct = (15 * 50) + 100;
        Assert.That(results.Sum(r => r.Accepted), Is.EqualTo(distinct));
        Assert.That(results.Sum(r => r.Duplicates), Is.EqualTo((16 * 100) - distinct));
        Assert.That(results.SelectMany(r => r.Rejected), Is.Empty);
        var stored = await _store.SearchAsync(new MentionFilter(Source: source), 1000, null, CancellationToken.None);
        var all = new List<Mention>(stored.Items);
        var cursor = stored.NextCursor;
        while (cursor is not null)
        {
            var page = await _store.SearchAsync(new MentionFilter(Source: source), 1000, cursor, CancellationToken.None);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        Assert.That(all.Select(m => m.Post.ExternalId).Distinct().Count(), Is.EqualTo(distinct));
        Assert.That(all, Has.Count.EqualTo(distinct));
    }

    [Test]
    public async Task Submit_InvalidPostsAmongValid_RejectedByIndexOthersStored()
    {
        var source = "inv" + Guid.NewGuid().ToString("N")[..6];
        var posts = new List<Post>
        {
            NewPost(source, "ok-1"),
            NewPost(source, "bad-handle") with { Author = new Author(null, "has space") },
            null!,
            NewPost("Not A Source!", "x"),
            NewPost(source, "bad-url") with { Url = "ftp://nope" },
            NewPost(source, "ok-2"),
        };

        var result = await _pipeline.SubmitAsync(posts, [], CancellationToken.None);

        Assert.That(result.Accepted, Is.EqualTo(2));
        Assert.That(result.Rejected.Select(r => r.Index), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(result.Rejected[0].Error, Does.Contain("author.handle"));
        Assert.That(result.Rejected[3].Error, Does.Contain("url"));
    }

    [Test]
    public async Task Submit_WithCursor_CursorStoredWithThePosts()
    {
        var key = "x:watch:" + Guid.NewGuid().ToString("N")[..6];

        await _pipeline.SubmitAsync([NewPost("cur", Guid.NewGuid().ToString("N"))], [new SourceCursor(key, "1999")], CancellationToken.None);

        Assert.That(await _store.GetCursorAsync(key, CancellationToken.None), Is.EqualTo("1999"));
    }

    [Test]
    public async Task Submit_Normalizes_TrimsFoldsAndStripsAt()
    {
        var id = Guid.NewGuid().ToString("N");
        var post = new Post(" NORM ", $" {id} ", "  Cafe\u0301 voltik  ", DateTimeOffset.UtcNow.AddMinutes(-1), new Author(null, "@Someone"), Lang: "en-GB");

        await _pipeline.SubmitAsync([post], [], CancellationToken.None);

        var stored = (await _store.SearchAsync(new MentionFilter(Source: "norm"), 10, null, CancellationToken.None)).Items.Single(m => m.Post.ExternalId == id);
        Assert.That(stored.Post.Text, Is.EqualTo("Café voltik"));
        Assert.That(stored.Post.Author.Handle, Is.EqualTo("Someone"));
        Assert.That(stored.Lang, Is.EqualTo("en"));
    }

    [Test]
    public async Task Submit_StoreRefusesOneBatch_OnlyThatCallerFailsOthersStored()
    {
        var source = "iso" + Guid.NewGuid().ToString("N")[..6];
        // The store rejects a cursor without a value; that batch may be merged with the others into one transaction.
        var refused = _pipeline.SubmitAsync([NewPost(source, "refused")], [new SourceCursor("x:bad", null!)], CancellationToken.None);
        var fine = Enumerable.Range(0, 6).Select(i => _pipeline.SubmitAsync([NewPost(source, $"fine-{i}")], [], CancellationToken.None)).ToList();

        var ex = Assert.ThrowsAsync<PipelineStoreException>(async () => await refused);
        var results = await Task.WhenAll(fine);

        Assert.That(ex!.Message, Does.Contain("cursor"));
        Assert.That(results.Sum(r => r.Accepted), Is.EqualTo(6));
        var stored = await _store.SearchAsync(new MentionFilter(Source: source), 100, null, CancellationToken.None);
        Assert.That(stored.Items.Select(m => m.Post.ExternalId), Is.EquivalentTo(Enumerable.Range(0, 6).Select(i => $"fine-{i}")));
    }

    [Test]
    public async Task Submit_BatchSplitAcrossCores_InvalidPostsRejectedByIndexOthersStored()
    {
        var source = "wide" + Guid.NewGuid().ToString("N")[..6];
        // Above the stages' parallel threshold (256 posts): normalize and classify spread the batch over the cores.
        int[] invalid = [0, 257, 333, 599];
        var posts = Enumerable.Range(0, 600)
            .Select(i => invalid.Contains(i) ? NewPost(source, $"w-{i}", text: "   ") : NewPost(source, $"w-{i}", text: $"voltik number{i}"))
            .ToList();

        var result = await _pipeline.SubmitAsync(posts, [], CancellationToken.None);

        Assert.That(result.Accepted, Is.EqualTo(596));
        Assert.That(result.Rejected.Select(r => r.Index), Is.EqualTo(invalid));
        Assert.That(result.Rejected.Select(r => r.Error), Has.All.Contain("text is required"));
        Assert.That(await _store.CountAsync(CancellationToken.None), Is.GreaterThanOrEqualTo(596));
        var page = await _store.SearchAsync(new MentionFilter(Source: source), 1000, null, CancellationToken.None);
        Assert.That(page.Items.Select(m => m.Post.ExternalId),
            Is.EquivalentTo(Enumerable.Range(0, 600).Except(invalid).Select(i => $"w-{i}")));
    }
}
