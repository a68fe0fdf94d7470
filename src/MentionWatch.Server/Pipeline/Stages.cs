using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline;

/// <summary>Cleans and validates one post; throws <see cref="PostRejectedException"/> naming the problem.</summary>
public interface IPostNormalizer
{
    Post Normalize(Post post);
}

/// <summary>Which watches a post mentions, and which watches' brand posted it.</summary>
public interface IWatchMatching
{
    WatchMatch Match(Post post);
}

public sealed record WatchMatch(IReadOnlyList<string> Watches, IReadOnlyList<string> BrandPostOf)
{
    public static readonly WatchMatch None = new([], []);
}

/// <summary>Sentiment and needs-reply for one post's text.</summary>
public interface IMentionClassifier
{
    /// <summary>True once the models are loaded (reported by /readyz).</summary>
    bool IsReady { get; }

    PostScores Classify(Post post);

    /// <summary>
    /// Scores a post matched to <paramref name="watches"/>; a classifier with per-watch adaptations may use them
    /// (see <see cref="ModelMentionClassifier"/>), any other scores the text alone.
    /// </summary>
    PostScores Classify(Post post, IReadOnlyList<string> watches) => Classify(post);
}

public sealed record PostScores(string Lang, SentimentScore Sentiment, NeedsReplyScore NeedsReply);

/// <summary>A post the pipeline refused, with a message for the caller.</summary>
public sealed class PostRejectedException(string message) : Exception(message);

/// <summary>The store failed to write a batch; its callers get this, other batches continue.</summary>
public sealed class PipelineStoreException(string message, Exception inner) : Exception(message, inner);

/// <summary>The pipeline is not accepting posts (it is stopping).</summary>
public sealed class PipelineUnavailableException(string message) : Exception(message);
