using MentionWatch.Core.Domain;
using MentionWatch.Server.Alerting.Routing;
using MentionWatch.Server.Support;

namespace MentionWatch.Server.Alerting.Rules;

/// <summary>A rule that also hears of triage changes made through the API (the engine forwards them).</summary>
internal interface ITriageAwareRule
{
    void OnTriage(long mentionId, string state, ICollection<AlertSignal> signals);
}

/// <summary>
/// Tracks each needs-reply mention of its watches (and teams) until it is answered: a brand reply seen in
/// <see cref="OnMention"/> (matched by inReplyTo or conversation, as the store links them), a reply the store had linked
/// before the mention arrived, or a triage change to replied, resolved or ignored. One that is still open when its
/// deadline passes (post time + SlaMinutes, counted in business hours when configured) fires; answered after that, its
/// alert resolves. Group <c>mention:{id}</c>, so every late mention is its own page.
/// </summary>
internal sealed class SlaAlertRule(string name, AlertRuleDefinition definition, TimeWindow? hours, TeamRouter? teams, TimeProvider time)
    : IAlertRule, ITriageAwareRule
{
    private static readonly TimeSpan Forget = TimeSpan.FromDays(7);
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly Dictionary<(string Source, string ExternalId), long> _byExternalId = [];
    private readonly Dictionary<(string Source, string Conversation), List<long>> _byConversation = [];
    private readonly HashSet<string> _watches = new(definition.AllWatches(), StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _teams = new(definition.Teams, StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public AlertRuleDefinition Definition { get; } = definition;

    /// <summary>
    /// Picks up what it was tracking before a restart: the still-open needs-reply mentions of the last
    /// MaxPostAgeMinutes, those whose alert is still open marked as already fired (they resolve, not page again).
    /// </summary>
    public async Task InitializeAsync(IAlertHistory history, IReadOnlyCollection<string> openGroups, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(Definition.MaxPostAgeMinutes);
        var fired = new HashSet<string>(openGroups, StringComparer.Ordinal);
        var ignored = new List<AlertSignal>();
        foreach (var mention in await history.UnansweredAsync(since, cancellationToken))
        {
            OnMention(mention, ignored);
            if (_pending.TryGetValue(mention.Id, out var pending) && fired.Contains(GroupKey(mention.Id))) pending.Fired = true;
        }
    }

    public void OnMention(Mention mention, ICollection<AlertSignal> signals)
    {
        var post = mention.Post;
        if (mention.BrandPostOf.Count > 0)
        {
            if (post.InReplyTo is not null || post.ConversationId is not null) OnReply(mention, signals);
            return;
        }
        if (!mention.NeedsReply.Value || mention.Support?.FirstReply is not null) return;
        // Already tracked: read at start and seen again by the engine's catch-up.
        if (_pending.ContainsKey(mention.Id)) return;
        if (mention.Support is { } s && s.Triage is not (TriageStates.New or TriageStates.Assigned)) return;
        if (_watches.Count > 0 && !mention.Watches.Any(_watches.Contains)) return;
        if (_teams.Count > 0 && (mention.Support?.Team is not { } team || !_teams.Contains(team))) return;
        var now = time.GetUtcNow();
        if (now - post.CreatedAt > TimeSpan.FromMinutes(Definition.MaxPostAgeMinutes)) return;
        var clock = hours ?? (Definition.UseTeamBusinessHours ? teams?.Find(mention.Support?.Team)?.BusinessHours : null);
        var deadline = BusinessClock.Add(clock, post.CreatedAt, TimeSpan.FromMinutes(Definition.SlaMinutes ?? 60));
        _pending[mention.Id] = new Pending(mention, deadline);
        _byExternalId[(post.Source, post.ExternalId)] = mention.Id;
        if (post.ConversationId is not null) Conversation(post.Source, post.ConversationId).Add(mention.Id);
    }

    public void OnTick(DateTimeOffset now, ICollection<AlertSignal> signals)
    {
        foreach (var pending in _pending.Values.ToList())
        {
            if (!pending.Fired && pending.Deadline <= now)
            {
                pending.Fired = true;
                var m = pending.Mention;
                var watch = m.Watches.FirstOrDefault(_watches.Contains) ?? (m.Watches.Count > 0 ? m.Watches[0] : null);
                var minutes = Definition.SlaMinutes ?? 60;
                signals.Add(new AlertSignal(AlertSignalKind.Fire, GroupKey(m.Id), watch,
                    $"No reply within {minutes} min: @{m.Post.Author.Handle} on {m.Post.Source}" + (watch is null ? "" : $" about {watch}"),
                    Flat(m.Post.Text), m));
            }
            else if (now - pending.Mention.Post.CreatedAt > Forget && !pending.Fired)
            {
                Remove(pending.Mention.Id);
            }
        }
    }

    public void OnTriage(long mentionId, string state, ICollection<AlertSignal> signals)
    {
        if (state is TriageStates.Replied or TriageStates.Resolved or TriageStates.Ignored) Answer(mentionId, signals);
    }

    private void OnReply(Mention reply, ICollection<AlertSignal> signals)
    {
        var post = reply.Post;
        var candidates = new List<long>();
        if (post.InReplyTo is not null && _byExternalId.TryGetValue((post.Source, post.InReplyTo), out var direct)) candidates.Add(direct);
        if (post.ConversationId is not null)
        {
            if (_byExternalId.TryGetValue((post.Source, post.ConversationId), out var root)) candidates.Add(root);
            if (_byConversation.TryGetValue((post.Source, post.ConversationId), out var thread)) candidates.AddRange(thread);
        }
        foreach (var id in candidates.Distinct().ToList())
        {
            if (!_pending.TryGetValue(id, out var pending)) continue;
            // The same rule as the store's linking: posted no earlier than the mention, by a brand of one of its watches.
            if (post.CreatedAt < pending.Mention.Post.CreatedAt || !reply.BrandPostOf.Any(b => pending.Mention.Watches.Contains(b))) continue;
            Answer(id, signals);
        }
    }

    private void Answer(long mentionId, ICollection<AlertSignal> signals)
    {
        if (!_pending.TryGetValue(mentionId, out var pending)) return;
        Remove(mentionId);
        if (pending.Fired)
            signals.Add(new AlertSignal(AlertSignalKind.Resolve, GroupKey(mentionId), null, "Answered", $"Mention {mentionId} was answered."));
    }

    private void Remove(long mentionId)
    {
        if (!_pending.Remove(mentionId, out var pending)) return;
        var post = pending.Mention.Post;
        _byExternalId.Remove((post.Source, post.ExternalId));
        if (post.ConversationId is not null && _byConversation.TryGetValue((post.Source, post.ConversationId), out var thread))
        {
            thread.Remove(mentionId);
            if (thread.Count == 0) _byConversation.Remove((post.Source, post.ConversationId));
        }
    }

    private List<long> Conversation(string source, string conversation)
    {
        if (!_byConversation.TryGetValue((source, conversation), out var list)) _byConversation[(source, conversation)] = list = [];
        return list;
    }

    private static string GroupKey(long mentionId) => $"mention:{mentionId}";

    private static string Flat(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 280 ? flat : flat[..279].TrimEnd() + "…";
    }

    private sealed class Pending(Mention mention, DateTimeOffset deadline)
    {
        public Mention Mention { get; } = mention;
        public DateTimeOffset Deadline { get; } = deadline;
        public bool Fired { get; set; }
    }
}
