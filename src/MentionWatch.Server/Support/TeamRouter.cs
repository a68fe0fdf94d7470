using MentionWatch.Core.Domain;
using MentionWatch.Core.Matching;
using MentionWatch.Core.Query;
using MentionWatch.Server.Alerting.Routing;

namespace MentionWatch.Server.Support;

/// <summary>A validated team: its matcher and business hours.</summary>
internal sealed record Team(string Name, QueryMatcher Query, string? Lang, string? Watch, TimeWindow? BusinessHours)
{
    public bool Takes(Mention mention) =>
        (Lang is null || string.Equals(mention.Lang, Lang, StringComparison.OrdinalIgnoreCase)) &&
        (Watch is null || mention.Watches.Contains(Watch, StringComparer.OrdinalIgnoreCase)) &&
        Query.Matches(mention);
}

/// <summary>
/// The teams of <c>Teams:&lt;name&gt;</c>, validated once at start with every problem listed; assigns each new
/// needs-reply mention (not a brand's own post) to the first team that takes it.
/// </summary>
internal sealed class TeamRouter
{
    public TeamRouter(IConfiguration configuration)
    {
        var section = configuration.GetSection("Teams");
        var problems = new List<string>();
        var teams = new List<(int Order, int Index, Team Team)>();
        var index = 0;
        foreach (var child in section.GetChildren())
        {
            var definition = child.Get<TeamDefinition>() ?? new TeamDefinition();
            var name = child.Key;
            var prefix = $"Teams:{name}";
            if (!Alerting.Rules.RuleNames.Pattern().IsMatch(name))
                problems.Add($"{prefix}: the team name must be 1-64 letters, digits, '-' or '_'.");
            QueryMatcher? matcher = null;
            if (string.IsNullOrWhiteSpace(definition.Query)) problems.Add($"{prefix}:Query is required (query language, e.g. refund OR charged).");
            else
            {
                try
                {
                    matcher = new QueryMatcher(definition.Query);
                }
                catch (QuerySyntaxException ex)
                {
                    problems.Add($"{prefix}:Query: {ex.Message} (at position {ex.Position}, expected {ex.Expected})");
                }
            }
            TimeWindow? hours = null;
            if (definition.BusinessHours is { } b)
            {
                var windowProblems = new List<(string Field, string Message)>();
                hours = TimeWindow.Parse(b.TimeZone, b.Start, b.End, b.Days, windowProblems);
                problems.AddRange(windowProblems.Select(p => $"{prefix}:BusinessHours:{p.Field}: {p.Message}"));
            }
            if (matcher is not null)
                teams.Add((definition.Order, index, new Team(name, matcher, Blank(definition.Lang), Blank(definition.Watch), hours)));
            index++;
        }
        Problems = problems;
        Teams = teams.OrderBy(t => t.Order).ThenBy(t => t.Index).Select(t => t.Team).ToList();
    }

    public IReadOnlyList<Team> Teams { get; }

    /// <summary>Configuration problems found when the teams were read; the start fails when there are any.</summary>
    public IReadOnlyList<string> Problems { get; }

    public Team? Find(string? name) => name is null ? null : Teams.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The team that takes a new mention, or null (not needing a reply, a brand's own post, or no team matches).</summary>
    public Team? Route(Mention mention)
    {
        if (!mention.NeedsReply.Value || mention.BrandPostOf.Count > 0) return null;
        foreach (var team in Teams)
            if (team.Takes(mention)) return team;
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
