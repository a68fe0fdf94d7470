using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>
/// The one rule for <c>watch=</c> on every endpoint: one or several comma-separated names, matched without regard to case
/// and turned into the stored names; any unknown name makes the request a 404 that lists every unknown one.
/// </summary>
internal static class WatchNames
{
    /// <summary>The names in a <c>watch=</c> value, trimmed, blanks dropped, each once (ignoring case).</summary>
    public static List<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The stored watch whose name equals <paramref name="name"/> ignoring case, or null.</summary>
    public static Task<Watch?> FindAsync(IWatchStore store, string name, CancellationToken cancellationToken) => store.FindWatchAsync(name, cancellationToken);

    /// <summary>The stored watches named in <paramref name="value"/> (empty for none), or a 404 naming every unknown name.</summary>
    public static async Task<(List<Watch> Watches, ProblemHttpResult? Problem)> ResolveAsync(IWatchStore store, string? value, CancellationToken cancellationToken)
    {
        var names = Split(value);
        if (names.Count == 0) return ([], null);
        var all = await store.ListWatchesAsync(cancellationToken);
        var found = new List<Watch>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var watch = all.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal))
                ?? all.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
            if (watch is null) unknown.Add(name);
            else if (!found.Contains(watch)) found.Add(watch);
        }
        return unknown.Count == 0 ? (found, null) : ([], Unknown(unknown));
    }

    public static ProblemHttpResult Unknown(IReadOnlyList<string> names) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown watch",
        detail: names.Count == 1
            ? $"No watch named '{names[0]}'; GET /api/v1/watches lists them."
            : $"No watches named {string.Join(", ", names.Select(n => $"'{n}'"))}; GET /api/v1/watches lists them.",
        extensions: new Dictionary<string, object?> { ["unknownWatches"] = names });
}
