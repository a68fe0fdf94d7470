using System.Text.RegularExpressions;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Core.Watches;

/// <summary>
/// The rules every watch obeys, wherever it comes from (the API, configuration, a future import): names, query,
/// own handles, competitors, noise rules. Every problem is listed; the query is parsed only when the rest is sound,
/// so a user fixes the plain mistakes first.
/// </summary>
public static partial class WatchValidation
{
    public const int MaxDuplicateWindowMinutes = 7 * 24 * 60;

    /// <summary>The watch, trimmed and de-duplicated, or the problems; <paramref name="routeName"/> is the name in a PUT's URL.</summary>
    public static (Watch? Watch, IReadOnlyList<WatchProblem> Problems) Validate(WatchDraft draft, string? routeName = null)
    {
        var problems = new List<WatchProblem>();
        var name = draft.Name?.Trim() ?? "";
        if (!IsName(name))
            problems.Add(new("name", $"name '{draft.Name}' must be 1-64 characters of letters, digits, '-' or '_', starting with a letter or digit."));
        if (routeName is not null && !string.Equals(routeName, name, StringComparison.OrdinalIgnoreCase))
            problems.Add(new("name", $"name '{draft.Name}' in the body differs from '{routeName}' in the URL; renaming is not supported."));
        if (string.IsNullOrWhiteSpace(draft.Query)) problems.Add(new("query", "query is required."));
        var handles = (draft.OwnHandles ?? []).Select(h => h?.Trim().TrimStart('@') ?? "").ToList();
        if (handles.Any(h => h.Length == 0 || h.Any(char.IsWhiteSpace))) problems.Add(new("ownHandles", "ownHandles must be non-empty handles without spaces."));
        var competitors = (draft.Competitors ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (competitors.Any(c => !IsName(c))) problems.Add(new("competitors", "competitors must be watch names."));
        if (competitors.Contains(name, StringComparer.OrdinalIgnoreCase)) problems.Add(new("competitors", "A watch cannot be its own competitor."));
        if (draft.Noise is { } noise) problems.AddRange(NoiseProblems(noise));
        if (problems.Count > 0) return (null, problems);

        try
        {
            QueryParser.Parse(draft.Query!);
        }
        catch (QuerySyntaxException ex)
        {
            return (null, [new("query", ex.Message, ex)]);
        }

        var watch = new Watch(name, draft.Query!.Trim(), handles.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), competitors.Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            Noise = draft.Noise is { } rules ? Normalize(rules) : null,
        };
        return (watch, []);
    }

    public static bool IsName(string name) => NamePattern().IsMatch(name);

    private static IEnumerable<WatchProblem> NoiseProblems(WatchNoise noise)
    {
        if (noise.DuplicateWindowMinutes is < 0 or > MaxDuplicateWindowMinutes)
            yield return new("noise.duplicateWindowMinutes", $"noise.duplicateWindowMinutes {noise.DuplicateWindowMinutes} must be between 0 (off) and {MaxDuplicateWindowMinutes} (a week).");
        if (double.IsNaN(noise.MaxSpamScore) || noise.MaxSpamScore is < 0 or > 1)
            yield return new("noise.maxSpamScore", $"noise.maxSpamScore {noise.MaxSpamScore} must be between 0 (off) and 1.");
        if (noise.BlockedAuthors.Any(a => string.IsNullOrWhiteSpace(a?.TrimStart('@')) || a.Trim().Any(char.IsWhiteSpace)))
            yield return new("noise.blockedAuthors", "noise.blockedAuthors must be handles without spaces.");
        foreach (var domain in noise.BlockedDomains.Where(d => !DomainPattern().IsMatch(d?.Trim() ?? "")))
            yield return new("noise.blockedDomains", $"noise.blockedDomains '{domain}' is not a domain name like 'coupons.example'.");
    }

    /// <summary>Trimmed handles without @, lower-case domains; null when the rules would drop nothing.</summary>
    private static WatchNoise? Normalize(WatchNoise noise)
    {
        var normalized = noise with
        {
            BlockedAuthors = noise.BlockedAuthors.Select(a => a.Trim().TrimStart('@')).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            BlockedDomains = noise.BlockedDomains.Select(d => d.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
        };
        return normalized.IsOff ? null : normalized;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
