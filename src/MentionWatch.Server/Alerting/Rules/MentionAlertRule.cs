using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// Fires once per mention that meets the rule's conditions; grouping into alerts (and Realert) is the engine's,
/// this rule only names the group. Keeps no state, so it needs no history and never resolves.
/// </summary>
internal sealed class MentionAlertRule(string name, AlertRuleDefinition definition, MentionConditions conditions, TimeProvider time)
    : IAlertRule
{
    private const int SummaryLength = 280;

    public string Name { get; } = name;

    public AlertRuleDefinition Definition { get; } = definition;

    public Task InitializeAsync(IAlertHistory history, IReadOnlyCollection<string> openGroups, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public void OnMention(Mention mention, ICollection<AlertSignal> signals)
    {
        if (!conditions.Match(mention, time.GetUtcNow())) return;
        var watch = WatchOf(mention);
        var post = mention.Post;
        var title = $"{Headline(mention)}: @{post.Author.Handle} on {post.Source}" + (watch is null ? "" : $" about {watch}");
        signals.Add(new AlertSignal(AlertSignalKind.Fire, GroupKey(mention, watch), watch, title, Truncate(post.Text), mention));
    }

    public void OnTick(DateTimeOffset now, ICollection<AlertSignal> signals)
    {
    }

    private string? WatchOf(Mention mention)
    {
        foreach (var named in conditions.Watches)
            foreach (var watch in mention.Watches)
                if (string.Equals(watch, named, StringComparison.OrdinalIgnoreCase)) return watch;
        return mention.Watches.Count > 0 ? mention.Watches[0] : null;
    }

    private string GroupKey(Mention mention, string? watch)
    {
        var post = mention.Post;
        return Definition.GroupBy.Trim().ToLowerInvariant() switch
        {
            "watch" => (watch ?? "").ToLowerInvariant(),
            "author" => $"{post.Source}:{post.Author.Handle.ToLowerInvariant()}",
            "conversation" => $"{post.Source}:{post.InReplyTo ?? post.ExternalId}",
            // Id is 0 only for a mention the store has not saved; the post's own key is as unique.
            _ => mention.Id != 0 ? $"mention:{mention.Id}" : $"mention:{post.Source}:{post.ExternalId}",
        };
    }

    private static string Headline(Mention mention) =>
        mention.NeedsReply.Value ? "Needs reply"
        : string.Equals(mention.Sentiment.Label, "negative", StringComparison.OrdinalIgnoreCase) ? "Negative mention"
        : "Mention";

    private static string Truncate(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= SummaryLength ? flat : flat[..(SummaryLength - 1)].TrimEnd() + "…";
    }
}
