namespace MentionWatch.Classification.Training;

/// <summary>
/// The quality targets and the regression floors the shipped models must keep. Targets that are
/// missed are reported (by `mentionwatch eval --suite`) as gaps; floors are asserted by the quality guard.
/// </summary>
internal static class QualityTargets
{
    // Floors: a shipped model below one of these is a regression and fails the quality guard.
    /// <summary>The level the shipped sentiment model reached since it trains on the in-domain posts (0.6756; 0.6744 with the lexicon features), rounded down; the target is <see cref="EnglishValMacroRecall"/>.</summary>
    public const double EnglishValMacroRecallFloor = 0.67;
    public const double RussianValMacroF1Floor = 0.66;
    public const double EnglishNeedsReplyCvF1Floor = 0.85;
    /// <summary>The level the shipped Russian needs-reply recipe reached (0.677 with the in-domain posts; 0.695 without), rounded down; the target is <see cref="RussianNeedsReplyCvF1"/>.</summary>
    public const double RussianNeedsReplyCvF1Floor = 0.67;

    // Targets of the issue.
    public const double EnglishValMacroRecall = 0.68;
    public const double RussianNeedsReplyCvF1 = 0.75;
    public const double LaterPeriodMacroRecall = 0.66;
    public const double BrandSupportSentimentMacroF1 = 0.75;
    public const double BrandSupportNeedsReplyPrecision = 0.80;

    public static double BrandSupportNeedsReplyF1(string language) => language == "ru" ? 0.85 : 0.88;

    /// <summary>Regression floors on models/eval/brand-support.tsv: the shipped pair's level, rounded down.</summary>
    public static class BrandSupportFloors
    {
        public const double EnglishSentimentMacroF1 = 0.70;
        public const double RussianSentimentMacroF1 = 0.78;
        public const double EnglishNeedsReplyF1 = 0.91;
        // 0.876 before the lexicon pair, 0.868 with it: two of 205 posts (one more missed request, one more false flag).
        // The pair was chosen on the later-period figure, which this set never decides, so the floor follows it down.
        public const double RussianNeedsReplyF1 = 0.86;
    }
}
