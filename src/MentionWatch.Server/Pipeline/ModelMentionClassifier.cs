using MentionWatch.Classification;
using MentionWatch.Classification.Adaptation;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Adaptation;
using MentionWatch.Server.Hosting;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Pipeline;

/// <summary>
/// The classify stage: the trained sentiment and needs-reply models from <c>models/</c>, plus a watch's adaptation for
/// mentions that match that watch alone (<see cref="WatchAdaptations.For"/>).
/// </summary>
internal sealed partial class ModelMentionClassifier(IOptions<ClassificationOptions> options, WatchAdaptations adaptations, ILogger<ModelMentionClassifier> logger)
    : IMentionClassifier, IMentionExplainer
{
    private PostClassifier? _classifier;

    public bool IsReady => _classifier is not null;

    /// <summary>The shipped models, null until loaded; adaptations are trained over them.</summary>
    internal PostClassifier? Shipped => _classifier;

    /// <summary>Loads both model files; a missing or corrupt file fails start-up with the file named.</summary>
    public void Load()
    {
        var o = options.Value;
        var classifier = PostClassifier.Load(o.SentimentModelPath, o.NeedsReplyModelPath);
        LogLoaded(classifier.SentimentModelVersion, classifier.NeedsReplyModelVersion);
        _classifier = classifier;
    }

    public PostScores Classify(Post post) => Score(post, null);

    public PostScores Classify(Post post, IReadOnlyList<string> watches) => Score(post, adaptations.For(watches));

    private PostScores Score(Post post, ClassifierAdaptation? adaptation)
    {
        var classifier = _classifier ?? throw new InvalidOperationException("The classification models are not loaded yet.");
        var c = classifier.Classify(post.Text, adaptation);
        return new PostScores(
            c.Language,
            new SentimentScore(c.Sentiment, c.Negative, c.Neutral, c.Positive),
            new NeedsReplyScore(c.NeedsReply, c.NeedsReplyProbability));
    }

    public PostExplanation? Explain(Post post, int top) => _classifier?.Explain(post.Text, top);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classification models loaded: sentiment {SentimentVersion}, needs-reply {NeedsReplyVersion}")]
    private partial void LogLoaded(string sentimentVersion, string needsReplyVersion);
}
