namespace MentionWatch.Classification.Training;

/// <summary>
/// The quality targets and the regression floors the shipped models must keep. Targets that are
/// missed are reported (by `mentionwatch eval --suite`) as gaps; floors are asserted by the quality guard.
/// </summary>
internal static class QualityTargets
{
    // Floors: a shipped model below one of these is a regression and fails the quality guard.
    /// <summary>
    /// The target itself since the teacher-labelled sentiment140 texts joined training (session 14: 0.6886; seeds 1-3 of the
    /// recipe 0.686-0.689). Before them the file scored 0.6744 and the floor was 0.67.
    /// </summary>
    public const double EnglishValMacroRecallFloor = 0.68;
    public const double RussianValMacroF1Floor = 0.66;
    public const double EnglishNeedsReplyCvF1Floor = 0.85;
    /// <summary>The level the shipped Russian needs-reply recipe reached (0.730 with the team-labelled brand tweets; 0.677 before them), rounded down; the target is <see cref="RussianNeedsReplyCvF1"/>.</summary>
    public const double RussianNeedsReplyCvF1Floor = 0.72;

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
        // 0.706 before the teacher-labelled sentiment140 texts, 0.758 with them (session 14; chosen on the later period and
        // English val, never on this set).
        public const double EnglishSentimentMacroF1 = 0.75;
        public const double RussianSentimentMacroF1 = 0.78;
        // 0.917 before the labelled Russian brand tweets, 0.905 with them (seeds 1-3: 0.905-0.908 against 0.909-0.917): about two
        // of 203 posts. The recipe was chosen on the Russian 5-fold figure, which this set never decides, so the floor follows it down.
        public const double EnglishNeedsReplyF1 = 0.90;
        // 0.868 before the labelled Russian brand tweets, 0.888 with them (the lexicon pair had lowered it from 0.876).
        public const double RussianNeedsReplyF1 = 0.88;
    }
}
