using System.ComponentModel;
using System.Globalization;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MentionWatch.Server.Api;

/// <summary>
/// Query-string filters shared by /mentions and /export. Bound as text and parsed here so a bad value gets a
/// message naming the parameter instead of a bare 400.
/// </summary>
public sealed record MentionFilterArgs(
    [property: Description("Query language: terms, \"phrases\", OR, NOT/-term, ( ), #tag, @handle, lang:, from:, source:")][FromQuery(Name = "q")] string? Q,
    [property: Description("One or several comma-separated watch names (any case); a mention of any of them matches")][FromQuery(Name = "watch")] string? Watch,
    [property: Description("negative | neutral | positive")][FromQuery(Name = "sentiment")] string? Sentiment,
    [property: Description("true | false")][FromQuery(Name = "needsReply")] string? NeedsReply,
    [FromQuery(Name = "source")] string? Source,
    [FromQuery(Name = "lang")] string? Lang,
    [property: Description("ISO 8601, inclusive")][FromQuery(Name = "from")] string? From,
    [property: Description("ISO 8601, exclusive")][FromQuery(Name = "to")] string? To,
    [property: Description("new | assigned | replied | resolved | ignored")][FromQuery(Name = "triage")] string? Triage = null,
    [property: Description("A team of Teams:<name>")][FromQuery(Name = "team")] string? Team = null)
{
    /// <summary>The filter, or the problem: 400 for bad values, 404 naming every unknown watch.</summary>
    internal async Task<(MentionFilter Filter, ProblemHttpResult? Problem)> ParseAsync(
        IWatchStore watches, Support.TeamRouter teams, CancellationToken cancellationToken)
    {
        if (!TryParse(out var filter, out var problem)) return (filter, problem);
        var (named, unknown) = await WatchNames.ResolveAsync(watches, Watch, cancellationToken);
        if (unknown is not null) return (filter, unknown);
        string? team = null;
        if (!string.IsNullOrWhiteSpace(Team))
        {
            // The same rule as /response-times: a team that is not configured is a 404 naming it, not an empty page.
            if (teams.Find(Team.Trim()) is not { } known) return (filter, ResponseTimesApi.UnknownTeam(Team.Trim(), teams));
            team = known.Name;
        }
        return (filter with { Watch = null, Watches = named.Count == 0 ? null : named.Select(w => w.Name).ToList(), Team = team }, null);
    }

    internal bool TryParse(out MentionFilter filter, out ProblemHttpResult? problem)
    {
        filter = new MentionFilter();
        var errors = new ArgErrors();
        if (!QueryText.TryParse(Q, "q", out var query, out problem)) return false;
        var sentiment = errors.OneOf("sentiment", Sentiment, "negative", "neutral", "positive");
        var needsReply = errors.Bool("needsReply", NeedsReply);
        var triage = errors.OneOf("triage", Triage, [.. TriageStates.States]);
        var from = errors.Date("from", From);
        var to = errors.Date("to", To);
        if (from is not null && to is not null && from > to) errors.Add("from", "from must not be after to.");
        if (errors.Any(out problem)) return false;
        filter = new MentionFilter(query, Clean(Watch), sentiment, needsReply, Clean(Source)?.ToLowerInvariant(), Clean(Lang)?.ToLowerInvariant(), from, to,
            Triage: triage, Team: Clean(Team));
        return true;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Collects every problem with the query string, so one response lists them all.</summary>
internal sealed class ArgErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string parameter, string message)
    {
        if (!_errors.TryGetValue(parameter, out var list)) _errors[parameter] = list = [];
        list.Add(message);
    }

    public bool Any(out ProblemHttpResult? problem)
    {
        problem = _errors.Count == 0 ? null : Problems.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return problem is not null;
    }

    public DateTimeOffset? Date(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date;
        Add(parameter, $"{parameter} '{value}' is not a valid date; use ISO 8601, e.g. 2026-11-22T08:00:00Z.");
        return null;
    }

    public bool? Bool(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (bool.TryParse(value.Trim(), out var flag)) return flag;
        Add(parameter, $"{parameter} '{value}' must be true or false.");
        return null;
    }

    public int Int(string parameter, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        Add(parameter, $"{parameter} '{value}' must be a whole number from {min} to {max}.");
        return fallback;
    }

    /// <summary>An SSE event id the stream sent: a mention's arrival number, 0 or more.</summary>
    public long? Arrival(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        Add(parameter, $"{parameter} '{value}' must be the id of an event this stream sent (a whole number, 0 or more).");
        return null;
    }

    public string? OneOf(string parameter, string? value, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var match = allowed.FirstOrDefault(a => a.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null) Add(parameter, $"{parameter} '{value}' must be one of: {string.Join(", ", allowed)}.");
        return match;
    }
}

/// <summary>Parses the query language once; the tree goes to the matcher or the store.</summary>
internal static class QueryText
{
    public static bool TryParse(string? text, string parameter, out QueryNode? query, out ProblemHttpResult? problem)
    {
        query = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        try
        {
            query = QueryParser.Parse(text);
            return true;
        }
        catch (QuerySyntaxException ex)
        {
            problem = Problems.InvalidQuery(ex, parameter);
            return false;
        }
    }
}
