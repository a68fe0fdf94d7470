using MentionWatch.Core.Domain;
using MentionWatch.Core.Matching;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// The conditions of a <c>mention</c> rule, compiled once from a validated definition. A condition left out
/// (null) always passes; the rule fires only when every given one passes.
/// </summary>
internal sealed class MentionConditions
{
    /// <summary>Post times this far ahead of the clock are source clock skew, not the future: they count as now.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    private readonly AlertRuleDefinition _definition;
    private readonly HashSet<string> _watches;
    private readonly QueryMatcher? _query;
    private readonly float? _minNegative;
    private readonly float? _minNeedsReply;
    private readonly TimeSpan _maxAge;

    public MentionConditions(AlertRuleDefinition definition)
    {
        _definition = definition;
        Watches = definition.AllWatches();
        _watches = new HashSet<string>(Watches, StringComparer.OrdinalIgnoreCase);
        _query = string.IsNullOrWhiteSpace(definition.Query) ? null : new QueryMatcher(definition.Query);
        // Scores are floats; comparing at float precision keeps a 0.7 threshold from rejecting a 0.7f score.
        _minNegative = (float?)definition.MinNegativeProbability;
        _minNeedsReply = (float?)definition.MinNeedsReplyProbability;
        _maxAge = TimeSpan.FromMinutes(definition.MaxPostAgeMinutes);
    }

    /// <summary>The watches the rule names (empty: any watch).</summary>
    public IReadOnlyList<string> Watches { get; }

    public bool Match(Mention mention, DateTimeOffset now)
    {
        var d = _definition;
        var post = mention.Post;
        if (mention.BrandPostOf.Count > 0) return false;
        if (_watches.Count == 0 ? mention.Watches.Count == 0 : !mention.Watches.Any(_watches.Contains)) return false;
        if (d.NeedsReply is { } needsReply && mention.NeedsReply.Value != needsReply) return false;
        if (d.Sentiment is { } label && !string.Equals(mention.Sentiment.Label, label.Trim(), StringComparison.OrdinalIgnoreCase)) return false;
        if (_minNegative is { } minNegative && mention.Sentiment.Negative < minNegative) return false;
        if (_minNeedsReply is { } minNeedsReply && mention.NeedsReply.Probability < minNeedsReply) return false;
        if (d.Lang is { } lang && !string.Equals(mention.Lang, lang.Trim(), StringComparison.OrdinalIgnoreCase)) return false;
        if (d.Source is { } source && !string.Equals(post.Source, source.Trim(), StringComparison.OrdinalIgnoreCase)) return false;
        if (d.MinFollowers is { } minFollowers && !(post.Author.Followers >= minFollowers)) return false;
        if (IsTooOld(post.CreatedAt, now)) return false;
        return _query is null || _query.Matches(post);
    }

    private bool IsTooOld(DateTimeOffset createdAt, DateTimeOffset now)
    {
        var postTime = createdAt > now + FutureTolerance ? now : createdAt;
        return now - postTime > _maxAge;
    }
}
