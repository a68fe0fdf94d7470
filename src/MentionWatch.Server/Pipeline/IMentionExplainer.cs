using MentionWatch.Classification;
using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline;

/// <summary>Why the loaded models score a post as they do ("why was this flagged"); never on the ingest path.</summary>
public interface IMentionExplainer
{
    /// <summary>The top <paramref name="top"/> reasons behind both scores; null while the models are not loaded.</summary>
    PostExplanation? Explain(Post post, int top);
}
