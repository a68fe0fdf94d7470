using MentionWatch.Core.Query;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary><c>mention</c>: one alert for one mention that meets every condition the rule sets.</summary>
internal sealed class MentionAlertRuleType : IAlertRuleType
{
    public const string Name = "mention";

    private static readonly string[] Sentiments = ["negative", "neutral", "positive"];

    public string Type => Name;

    public IEnumerable<RuleProblem> Validate(AlertRuleDefinition definition)
    {
        if (definition.Sentiment is { } sentiment && !Sentiments.Contains(sentiment.Trim(), StringComparer.OrdinalIgnoreCase))
            yield return new(nameof(definition.Sentiment), $"Sentiment must be negative, neutral or positive (was '{sentiment}').");
        if (definition.MinNegativeProbability is < 0 or > 1)
            yield return new(nameof(definition.MinNegativeProbability), "MinNegativeProbability must be between 0 and 1.");
        if (definition.MinNeedsReplyProbability is < 0 or > 1)
            yield return new(nameof(definition.MinNeedsReplyProbability), "MinNeedsReplyProbability must be between 0 and 1.");
        if (definition.Query is { } query && QueryProblem(query) is { } problem)
            yield return problem;
        if (definition.Lang is { } lang && !(lang.Trim().Length is 2 or 3 && lang.Trim().All(char.IsAsciiLetter)))
            yield return new(nameof(definition.Lang), $"Lang must be a 2- or 3-letter language code such as 'en' (was '{lang}').");
        if (definition.MinFollowers is < 0)
            yield return new(nameof(definition.MinFollowers), "MinFollowers must be 0 or more.");
        if (definition.MaxPostAgeMinutes < 1)
            yield return new(nameof(definition.MaxPostAgeMinutes), "MaxPostAgeMinutes must be at least 1.");
    }

    public IAlertRule Create(string name, AlertRuleDefinition definition, TimeProvider time) =>
        new MentionAlertRule(name, definition, new MentionConditions(definition), time);

    private static RuleProblem? QueryProblem(string query)
    {
        if (string.IsNullOrWhiteSpace(query)) return new(nameof(AlertRuleDefinition.Query), "Query must not be empty; leave it out to match every mention.");
        try
        {
            QueryParser.Parse(query);
            return null;
        }
        catch (QuerySyntaxException ex)
        {
            return new(nameof(AlertRuleDefinition.Query),
                $"Query is not valid at position {ex.Position}: expected {ex.Expected}.");
        }
    }
}
