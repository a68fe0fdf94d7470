using System.Text.RegularExpressions;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Server.Pipeline.Noise;

/// <summary>
/// The noise rules of every watch that has some, and the short memory the near-duplicate rule needs (normalized text per watch within its window). Thread-safe.
/// </summary>
internal sealed partial class NoiseRules
{
    private const int MaxRemembered = 20_000;
    private readonly WatchCatalog _catalog;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Watch, string Text), (string FirstId, DateTimeOffset At, int Copies)> _seen = [];

    /// <summary>The rules come with the watches (configuration seeds them, the API changes them), read from the catalog's snapshot.</summary>
    public NoiseRules(WatchCatalog catalog) => _catalog = catalog;

    public bool Any => _catalog.AnyNoise;

    /// <summary>Copies dropped so far as near-duplicates of a first post (by its source and id), for inspection.</summary>
    public int CopiesOf(string watch, string text)
    {
        lock (_gate) return _seen.TryGetValue((watch, Normalize(text)), out var s) ? s.Copies : 0;
    }

    /// <summary>Why the watch drops this post, or null when it keeps it.</summary>
    public string? DropReason(string watch, Post post)
    {
        if (_catalog.NoiseOf(watch) is not { } rules) return null;
        if (!rules.KeepReposts && post.RepostOf is not null) return "repost";
        if (rules.BlockedAuthors.Any(a => string.Equals(a.TrimStart('@'), post.Author.Handle.TrimStart('@'), StringComparison.OrdinalIgnoreCase))) return "blocked-author";
        if (rules.BlockedDomains.Count > 0 && Domains(post).Any(d => rules.BlockedDomains.Any(b => d == b || d.EndsWith("." + b, StringComparison.OrdinalIgnoreCase)))) return "blocked-domain";
        if (rules.MaxSpamScore > 0 && SpamScore.Of(post.Text) >= rules.MaxSpamScore) return "spam";
        if (rules.DuplicateWindowMinutes > 0 && IsCopy(watch, post, TimeSpan.FromMinutes(rules.DuplicateWindowMinutes))) return "near-duplicate";
        return null;
    }

    private bool IsCopy(string watch, Post post, TimeSpan window)
    {
        var key = (watch, Normalize(post.Text));
        lock (_gate)
        {
            if (_seen.TryGetValue(key, out var first) && first.FirstId != post.Source + "/" + post.ExternalId && (post.CreatedAt - first.At).Duration() <= window)
            {
                // Counted on the first post: how many copies it had.
                _seen[key] = first with { Copies = first.Copies + 1 };
                return true;
            }

            if (_seen.Count >= MaxRemembered)
            {
                foreach (var old in _seen.Where(s => (post.CreatedAt - s.Value.At).Duration() > window).Select(s => s.Key).ToList()) _seen.Remove(old);
                if (_seen.Count >= MaxRemembered) _seen.Clear();
            }

            if (!_seen.ContainsKey(key) || (post.CreatedAt - _seen[key].At).Duration() > window) _seen[key] = (post.Source + "/" + post.ExternalId, post.CreatedAt, 0);
            return false;
        }
    }

    /// <summary>Case, accents, links, @handles, punctuation and spacing do not make a copy different.</summary>
    internal static string Normalize(string text)
    {
        var stripped = LinkOrHandle().Replace(text, " ");
        var words = stripped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => TextNormalizer.FieldValue(new string(w.Where(char.IsLetterOrDigit).ToArray())))
            .Where(w => w.Length > 0);
        return string.Join(' ', words);
    }

    private static IEnumerable<string> Domains(Post post)
    {
        var urls = Url().Matches(post.Text).Select(m => m.Value).Append(post.Url ?? "");
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0) continue;
            var host = uri.Host.ToLowerInvariant();
            yield return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        }
    }

    [GeneratedRegex(@"https?://\S+|(?<!\w)@\w+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkOrHandle();

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
