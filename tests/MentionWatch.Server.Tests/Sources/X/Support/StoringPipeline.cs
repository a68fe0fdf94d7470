using System.Collections.Concurrent;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;

namespace MentionWatch.Server.Tests.Sources.X.Support;

/// <summary>
/// Stand-in for the server's pipeline while it was not merged: records each submission and writes the posts with
/// their cursors to the real store in one StoreAsync call, which is the contract the X source relies on.
/// </summary>
internal sealed class StoringPipeline(IMentionStore store, TimeProvider time) : IMentionPipeline
{
    private readonly ConcurrentQueue<(IReadOnlyList<Post> Posts, IReadOnlyList<SourceCursor> Cursors)> _submissions = new();

    public IReadOnlyList<(IReadOnlyList<Post> Posts, IReadOnlyList<SourceCursor> Cursors)> Submissions => _submissions.ToArray();

    public async Task<PipelineResult> SubmitAsync(IReadOnlyList<Post> posts, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        _submissions.Enqueue((posts, cursors));
        var mentions = posts.Select(p => new Mention(
            0, p, p.Lang ?? "en", [], [], new SentimentScore("neutral", 0.1f, 0.8f, 0.1f), new NeedsReplyScore(false, 0.1f), time.GetUtcNow())).ToList();
        var stored = await store.StoreAsync(mentions, cursors, cancellationToken);
        return new PipelineResult(stored.Stored, stored.Duplicates, []);
    }
}
