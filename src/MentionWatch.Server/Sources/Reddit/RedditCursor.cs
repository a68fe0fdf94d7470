using System.Globalization;

namespace MentionWatch.Server.Sources.Reddit;

/// <summary>The newest post stored for a watch, <c>{created_utc}|{fullname}</c>; polls stop paging when they reach it.</summary>
internal sealed record RedditCursor(double CreatedUtc, string Fullname)
{
    public static RedditCursor? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var bar = value.IndexOf('|');
        if (bar < 0 || !double.TryParse(value[..bar], NumberStyles.Float, CultureInfo.InvariantCulture, out var created))
        {
            throw new FormatException($"Reddit cursor '{value}' is not '<created_utc>|<fullname>'");
        }

        return new RedditCursor(created, value[(bar + 1)..]);
    }

    /// <summary>True for posts this cursor already covers.</summary>
    public bool Covers(double createdUtc, string fullname) => createdUtc < CreatedUtc || fullname == Fullname;

    public override string ToString() => CreatedUtc.ToString("0.###", CultureInfo.InvariantCulture) + "|" + Fullname;
}
