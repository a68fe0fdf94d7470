using MentionWatch.Core.Alerts;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Alerting.Rules;

namespace MentionWatch.Server.Alerting;

internal sealed partial class AlertEngine
{
    private readonly List<AlertSignal> _signals = [];

    private void EvaluateMentions(IReadOnlyList<Mention> batch, AlertStep step, bool catchingUp = false)
    {
        var now = time.GetUtcNow();
        foreach (var mention in batch)
        {
            // Already evaluated: seen again by the catch-up read and the stream around a start.
            if (mention.Arrival <= _evaluated && mention.Arrival != 0) continue;
            foreach (var rule in _rules)
            {
                // Volume rules were seeded from the rollups, which already count what the catch-up re-reads.
                if (catchingUp && rule.CountsVolume) continue;
                _signals.Clear();
                try
                {
                    rule.Rule.OnMention(mention, _signals);
                }
                catch (Exception ex)
                {
                    LogRuleFailed(ex, rule.Name, mention.Id);
                    continue;
                }
                foreach (var signal in _signals) Apply(rule, signal, now, step);
            }
            if (mention.Arrival > _evaluated) _evaluated = mention.Arrival;
        }
        FlushUpdates(now, step);
    }

    private void Tick(AlertStep step)
    {
        var now = time.GetUtcNow();
        foreach (var rule in _rules)
        {
            _signals.Clear();
            try
            {
                rule.Rule.OnTick(now, _signals);
            }
            catch (Exception ex)
            {
                LogRuleFailed(ex, rule.Name, 0);
                continue;
            }
            foreach (var signal in _signals) Apply(rule, signal, now, step);
        }
        FlushUpdates(now, step);
        Escalate(now, step);
        Forget(now);
    }

    private void Apply(CompiledRule rule, AlertSignal signal, DateTimeOffset now, AlertStep step)
    {
        var key = (rule.Name, signal.GroupKey);
        _open.TryGetValue(key, out var open);
        switch (signal.Kind)
        {
            case AlertSignalKind.Fire when open is not null && Absorbs(rule, open, signal):
                Grow(rule, open, signal, now, step);
                break;
            case AlertSignalKind.Fire:
                Open(rule, signal, now, step);
                break;
            case AlertSignalKind.Update when open is not null:
                Save(step, open with
                {
                    Alert = open.Alert with { Count = signal.Count ?? open.Alert.Count, Summary = signal.Summary, UpdatedAt = now },
                    UpdatePending = true,
                });
                break;
            case AlertSignalKind.Resolve when open is not null:
                Close(open, now, step);
                break;
        }
    }

    /// <summary>Mention alerts collect their group's mentions within the realert window (on post time); spikes and flatlines while they last.</summary>
    private static bool Absorbs(CompiledRule rule, AlertRecord open, AlertSignal signal)
    {
        if (rule.Rule.Definition.Type?.Equals("mention", StringComparison.OrdinalIgnoreCase) != true) return true;
        if (rule.GroupBy == GroupBy.None) return false;
        var at = signal.Mention?.Post.CreatedAt ?? open.LastMentionAt;
        return at - open.LastMentionAt <= TimeSpan.FromSeconds(rule.Definition.RealertSeconds);
    }

    private void Open(CompiledRule rule, AlertSignal signal, DateTimeOffset now, AlertStep step)
    {
        var count = signal.Count ?? 1;
        var mentionsIn = signal.Mention is { } m ? new List<AlertMention> { ToAlertMention(m) } : [];
        var alert = new Alert(++_lastAlertId, rule.Name, rule.Definition.Type!.ToLowerInvariant(), signal.Watch, signal.GroupKey,
            AlertState.Open, rule.SeverityFor(count, signal.Mention?.Post.Author.Followers), count, signal.Title, signal.Summary,
            now, now, null, null, mentionsIn);
        var notifiers = ruleSet.Router.Route(rule, alert, now);
        var record = new AlertRecord(alert, notifiers, 0, signal.Mention?.Post.CreatedAt ?? now, null, false, false);
        // The first mention of a group pages at once: no group wait.
        record = step.Emit(record, AlertEventType.Triggered, notifiers, now);
        if (signal.Mention is not null) step.Link(alert.Id, signal.Mention.Id);
        Track(record);
    }

    private void Grow(CompiledRule rule, AlertRecord open, AlertSignal signal, DateTimeOffset now, AlertStep step)
    {
        var alert = open.Alert;
        var recent = alert.Mentions;
        var lastMentionAt = open.LastMentionAt;
        if (signal.Mention is { } mention)
        {
            if (alert.Mentions.Any(x => x.Id == mention.Id)) return;
            recent = [ToAlertMention(mention), .. alert.Mentions.Take(_options.MentionsPerAlert - 1)];
            step.Link(alert.Id, mention.Id);
            if (mention.Post.CreatedAt > lastMentionAt) lastMentionAt = mention.Post.CreatedAt;
        }
        var count = signal.Count ?? alert.Count + 1;
        var severity = rule.SeverityFor(count, signal.Mention?.Post.Author.Followers);
        Save(step, open with
        {
            Alert = alert with
            {
                Count = count, Mentions = recent, Summary = signal.Summary, UpdatedAt = now,
                Severity = severity > alert.Severity ? severity : alert.Severity,
            },
            LastMentionAt = lastMentionAt,
            UpdatePending = true,
        });
    }

    private void Close(AlertRecord open, DateTimeOffset now, AlertStep step)
    {
        var resolved = open with { Alert = open.Alert with { State = AlertState.Resolved, ResolvedAt = now, UpdatedAt = now }, UpdatePending = false };
        step.Emit(resolved, AlertEventType.Resolved, resolved.Notifiers, now);
        Untrack(resolved);
    }

    /// <summary>One <c>alert.updated</c> per interval while an alert grows, carrying the count and the newest texts.</summary>
    private void FlushUpdates(DateTimeOffset now, AlertStep step)
    {
        foreach (var record in _live.Values.Where(r => r.UpdatePending).ToList())
        {
            var interval = TimeSpan.FromSeconds(RuleOf(record)?.Definition.UpdateIntervalSeconds ?? 60);
            if (record.LastNotifiedAt is { } last && now - last < interval) continue;
            Save(step, step.Emit(record, AlertEventType.Updated, record.Notifiers, now));
        }
    }

    /// <summary>An open alert nobody acknowledged within the rule's minutes also goes to its escalation notifiers.</summary>
    private void Escalate(DateTimeOffset now, AlertStep step)
    {
        foreach (var record in _live.Values.Where(r => r is { Escalated: false, Alert.State: AlertState.Open }).ToList())
        {
            if (RuleOf(record)?.Definition is not { EscalateAfterMinutes: { } minutes } definition) continue;
            if (now - record.Alert.OpenedAt < TimeSpan.FromMinutes(minutes)) continue;
            var added = definition.EscalateTo.Where(n => !record.Notifiers.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
            var escalated = record with
            {
                Notifiers = [.. record.Notifiers, .. added],
                Escalated = true,
                Alert = record.Alert with { Severity = record.Alert.Severity < AlertSeverity.Critical ? record.Alert.Severity + 1 : record.Alert.Severity, UpdatedAt = now },
            };
            Save(step, step.Emit(escalated, AlertEventType.Escalated, definition.EscalateTo, now));
        }
    }

    /// <summary>
    /// Mention alerts past their realert window can no longer grow or escalate: they stay unresolved in the store
    /// (for people to acknowledge) but leave memory, so GroupBy=none does not keep every page forever.
    /// </summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var record in _live.Values.ToList())
        {
            var rule = RuleOf(record);
            if (rule is null || !string.Equals(record.Alert.RuleType, "mention", StringComparison.Ordinal) || record.UpdatePending) continue;
            var window = TimeSpan.FromSeconds(rule.Definition.RealertSeconds);
            var escalationDue = rule.Definition.EscalateAfterMinutes is not null && !record.Escalated && record.Alert.State == AlertState.Open;
            if (!escalationDue && now - record.Alert.UpdatedAt > window && now - record.LastMentionAt > window) Untrack(record);
        }
    }

    private CompiledRule? RuleOf(AlertRecord record) =>
        _rules.FirstOrDefault(r => string.Equals(r.Name, record.Alert.Rule, StringComparison.OrdinalIgnoreCase));

    private void Save(AlertStep step, AlertRecord record)
    {
        step.Save(record);
        if (record.Alert.State == AlertState.Resolved) Untrack(record);
        else Track(record);
    }

    private void Track(AlertRecord record)
    {
        _live[record.Alert.Id] = record;
        _open[(record.Alert.Rule, record.Alert.GroupKey)] = record;
    }

    private void Untrack(AlertRecord record)
    {
        _live.Remove(record.Alert.Id);
        var key = (record.Alert.Rule, record.Alert.GroupKey);
        if (_open.TryGetValue(key, out var current) && current.Alert.Id == record.Alert.Id) _open.Remove(key);
    }

    private static AlertMention ToAlertMention(Mention m) => new(
        m.Id, m.Post.Source, m.Post.ExternalId, m.Post.Url, m.Post.Text,
        new AlertAuthor(m.Post.Author.Handle, m.Post.Author.Name, m.Post.Author.Followers),
        m.Post.CreatedAt, m.Sentiment.Label, m.NeedsReply.Value, m.NeedsReply.Probability, m.Support?.Team);
}
