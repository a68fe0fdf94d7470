using System.Text.RegularExpressions;

namespace MentionWatch.Server.Pipeline.Noise;

/// <summary>
/// A deliberately simple score for obvious bot posts, 0 (plain) to 1: hashtag or link stuffing, many @handles,
/// shouting, stretched characters and a few phrases of follower and giveaway spam. No model: it must be explainable.
/// </summary>
internal static partial class SpamScore
{
    public static double Of(string text)
    {
        var score = 0.0;
        if (Hashtag().Count(text) >= 6) score += 0.35;
        if (Link().Count(text) >= 3) score += 0.35;
        if (Handle().Count(text) >= 6) score += 0.25;
        if (Stretched().IsMatch(text)) score += 0.15;
        var letters = text.Count(char.IsLetter);
        if (letters >= 20 && text.Count(char.IsUpper) > letters * 0.8) score += 0.2;
        if (Phrases().IsMatch(text)) score += 0.5;
        return Math.Min(1, score);
    }

    [GeneratedRegex(@"(?<!\w)#\w+")]
    private static partial Regex Hashtag();

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<!\w)@\w+")]
    private static partial Regex Handle();

    [GeneratedRegex(@"(\w)\1{5,}")]
    private static partial Regex Stretched();

    [GeneratedRegex(@"free followers|followers fast|crypto giveaway|airdrop|dm (me )?for promo|link in (my )?bio|заработок без вложений|накрутка подписчиков", RegexOptions.IgnoreCase)]
    private static partial Regex Phrases();
}
