using MentionWatch.Core.Domain;
using MentionWatch.Server.Pipeline;

namespace MentionWatch.Server.Tests.Support;

/// <summary>
/// A classifier whose answers a test can compute by hand: a post needs a reply when it says "help" or asks "?";
/// it is negative when it says "broken" or "bad", positive with "love" or "thanks", otherwise neutral.
/// </summary>
internal sealed class KeywordClassifier : IMentionClassifier
{
    public bool IsReady => true;

    public PostScores Classify(Post post)
    {
        var text = post.Text.ToLowerInvariant();
        var label = text.Contains("broken") || text.Contains("bad") ? "negative" : text.Contains("love") || text.Contains("thanks") ? "positive" : "neutral";
        var sentiment = new SentimentScore(label, label == "negative" ? 0.9f : 0.05f, label == "neutral" ? 0.9f : 0.05f, label == "positive" ? 0.9f : 0.05f);
        var needsReply = text.Contains("help") || text.Contains('?');
        return new PostScores("en", sentiment, new NeedsReplyScore(needsReply, needsReply ? 0.9f : 0.1f));
    }

    public static void Use(IServiceCollection services) => services.AddSingleton<IMentionClassifier, KeywordClassifier>();
}
