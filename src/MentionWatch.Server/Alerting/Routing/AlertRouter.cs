using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting.Rules;

namespace MentionWatch.Server.Alerting.Routing;

/// <summary>
/// Chooses the notifiers of a new alert: the rule's own, plus every route that applies now; inside the rule's quiet
/// hours the rule's quiet-hours notifiers replace the rule's own (a page downgraded to e-mail at night), while
/// routes keep their own schedules.
/// </summary>
internal sealed class AlertRouter(IReadOnlyList<AlertRoute> routes)
{
    public IReadOnlyList<AlertRoute> Routes => routes;

    public IReadOnlyList<string> Route(CompiledRule rule, Alert alert, DateTimeOffset now)
    {
        var quiet = rule.QuietHours is { } window && window.Contains(now);
        var targets = new List<string>(quiet ? rule.Definition.QuietHours!.Notify : rule.Definition.Notify);
        foreach (var route in routes)
            if (route.Applies(alert, now)) targets.AddRange(route.Notify);
        return targets.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
