using System.Globalization;
using System.Text.Json;
using MentionWatch.Classification;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>One measured figure beside its target; Gap is value - target (negative = missed).</summary>
internal sealed record SuiteFigure(string Figure, string Data, double Value, double Target)
{
    public double Gap => Value - Target;
    public bool Met => Value >= Target;
}

/// <summary>
/// `mentionwatch eval --suite`: every figure of the shipped pair in one report. The production-like
/// brand-support set (per language) beside the validation files and the needs-reply 5-fold
/// cross-validations, each with its target and the gap, then per-category results and the issue's example posts.
/// </summary>
internal static class EvalSuite
{
    // Cyrillic stays readable in the JSON report.
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The issue's example posts, with the labels the guideline gives them (sentiment, needs reply).</summary>
    public static readonly (string Text, string Sentiment, bool NeedsReply)[] IssueExamples =
    [
        ("Верните!", "negative", true),
        ("Разберитесь", "negative", true),
        ("Found a hair in my sandwich. Lovely.", "negative", true),
        ("customer service replied in 5 minutes and refunded me", "positive", false),
    ];

    public static int Run(string sentimentPath, string needsReplyPath, string brandSupportPath, string dataDir, bool json, TextWriter output,
        string? demoLabelsPath = null, string inDomainPath = TaskDefaults.InDomainFile)
    {
        var classifier = PostClassifier.Load(sentimentPath, needsReplyPath);
        var sentiment = classifier.SentimentModel;
        var posts = BrandSupportSet.Read(brandSupportPath);
        var figures = new List<SuiteFigure>();
        var notes = new List<string>();
        foreach (var language in new[] { "en", "ru" })
        {
            var (s, r) = BrandSupportSet.Evaluate(classifier, posts.Where(p => p.Language == language));
            string data = $"brand-support {language} ({s.Count})";
            figures.Add(new($"{language} sentiment macro-F1", data, s.MacroF1, QualityTargets.BrandSupportSentimentMacroF1));
            figures.Add(new($"{language} needs-reply F1(1)", data, r.Classes["1"].F1, QualityTargets.BrandSupportNeedsReplyF1(language)));
            figures.Add(new($"{language} needs-reply precision(1)", data, r.Classes["1"].Precision, QualityTargets.BrandSupportNeedsReplyPrecision));
            figures.Add(new($"{language} needs-reply recall(1)", data, r.Classes["1"].Recall, 0));
        }
        if (demoLabelsPath is not null && System.IO.File.Exists(demoLabelsPath)) AddDemoFigures(figures, notes, classifier, demoLabelsPath);
        AddSharedDataFigures(figures, notes, sentiment, classifier.NeedsReplyModel, dataDir, inDomainPath);
        var categories = ByCategory(classifier, posts);
        var examples = IssueExamples.Select(e => (e, c: classifier.Classify(e.Text))).ToList();
        if (json) WriteJson(output, figures, categories, examples, notes);
        else WriteText(output, figures, categories, examples, notes);
        return 0;
    }

    /// <summary>
    /// The bundled demo posts, labelled by the guideline (models/eval/demo-labels.tsv): report only, no target, tuned on
    /// nothing. The brands' own posts are left out: the service sets them to "no reply" from the watch's own handles.
    /// </summary>
    private static void AddDemoFigures(List<SuiteFigure> figures, List<string> notes, PostClassifier classifier, string path)
    {
        var posts = BrandSupportSet.Read(path);
        foreach (var language in new[] { "en", "ru" })
        {
            var (s, r) = BrandSupportSet.Evaluate(classifier, posts.Where(p => p.Language == language && p.Category != "brand"));
            string data = $"demo posts {language} ({s.Count})";
            figures.Add(new($"{language} sentiment macro-F1", data, s.MacroF1, 0));
            figures.Add(new($"{language} needs-reply F1(1)", data, r.Classes["1"].F1, 0));
            figures.Add(new($"{language} needs-reply flagged share", data, r.PredictedShare("1"), 0));
        }
        notes.Add($"demo posts: {path}, the brands' own {posts.Count(p => p.Category == "brand")} posts left out (the service sets them to no reply); report only");
    }

    private static void AddSharedDataFigures(List<SuiteFigure> figures, List<string> notes, LinearModel sentiment, LinearModel needsReply,
        string dataDir, string inDomainPath)
    {
        string File(string relative) => Path.Combine(dataDir, relative);
        if (!Directory.Exists(dataDir))
        {
            notes.Add($"{dataDir} not found: validation and cross-validation figures skipped");
            return;
        }
        EvaluationReport Val(string relative) =>
            Evaluator.Evaluate(sentiment, FeaturizedSet.Build(TsvReader.Read(File(relative), sentiment.Labels), sentiment.Spec));
        figures.Add(new("en sentiment macro-recall", "sentiment/en/val.tsv", Val("sentiment/en/val.tsv").MacroRecall, QualityTargets.EnglishValMacroRecall));
        figures.Add(new("ru sentiment macro-F1", "sentiment/ru/val.tsv", Val("sentiment/ru/val.tsv").MacroF1, QualityTargets.RussianValMacroF1Floor));
        var labels = Tasks.LabelsOf(Tasks.NeedsReply);
        var options = TaskDefaults.For(needsReply);
        string brandTweets = TaskDefaults.RussianBrandTweets(dataDir, inDomainPath);
        var en = CrossValidation.Run(Tasks.NeedsReply, TsvReader.Read(File("needs_reply/en/complaints.tsv"), labels),
            TaskDefaults.NeedsReplyExtras(inDomainPath, brandTweets, null), 5, options, stackOn: sentiment);
        figures.Add(new("en needs-reply 5-fold F1(1)", "needs_reply/en/complaints.tsv", en.Pooled.Classes["1"].F1, QualityTargets.EnglishNeedsReplyCvF1Floor));
        var ru = CrossValidation.Run(Tasks.NeedsReply, TsvReader.Read(File("needs_reply/ru/sentirueval_brands.tsv"), labels),
            TaskDefaults.NeedsReplyExtras(inDomainPath, brandTweets, File("sentiment/ru/sentirueval_brands.tsv")), 5, options, stackOn: sentiment);
        figures.Add(new("ru needs-reply 5-fold F1(1)", "needs_reply/ru/sentirueval_brands.tsv", ru.Pooled.Classes["1"].F1, QualityTargets.RussianNeedsReplyCvF1));
        notes.Add("5-fold figures: the shipped needs-reply recipe (TaskDefaults: the in-domain posts in every training fold, for RU also " +
            "the weak brand-sentiment rows; the labelled Russian brand tweets) with the given needs-reply model's features, stacked on the given sentiment model, seed 1");
    }

    private static List<(string Category, int Count, double Sentiment, double NeedsReply)> ByCategory(PostClassifier classifier, List<BrandSupportPost> posts) =>
        posts.GroupBy(p => p.Category).OrderBy(g => g.Key).Select(g =>
        {
            var c = g.Select(p => (p, r: classifier.Classify(p.Text))).ToList();
            return (g.Key, c.Count, c.Count(x => x.r.Sentiment == x.p.Sentiment) / (double)c.Count, c.Count(x => x.r.NeedsReply == x.p.NeedsReply) / (double)c.Count);
        }).ToList();

    private static void WriteText(TextWriter o, List<SuiteFigure> figures, List<(string Category, int Count, double Sentiment, double NeedsReply)> categories,
        List<((string Text, string Sentiment, bool NeedsReply) e, PostClassification c)> examples, List<string> notes)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(c, "{0,-30} {1,-40} {2,7} {3,7} {4,8}  {5}", "figure", "data", "value", "target", "gap", "status"));
        foreach (var f in figures)
            o.WriteLine(string.Format(c, "{0,-30} {1,-40} {2,7:F4} {3,7} {4,8}  {5}", f.Figure, f.Data, f.Value,
                f.Target > 0 ? f.Target.ToString("F2", c) : "-", f.Target > 0 ? f.Gap.ToString("+0.0000;-0.0000", c) : "-", f.Target <= 0 ? "" : f.Met ? "met" : "MISSED"));
        o.WriteLine();
        o.WriteLine("brand-support by category (accuracy):");
        o.WriteLine(string.Format(c, "{0,-16} {1,6} {2,10} {3,12}", "category", "posts", "sentiment", "needs-reply"));
        foreach (var (category, count, s, r) in categories) o.WriteLine(string.Format(c, "{0,-16} {1,6} {2,10:F3} {3,12:F3}", category, count, s, r));
        o.WriteLine();
        o.WriteLine("the issue's example posts (expected -> predicted):");
        foreach (var (e, p) in examples)
            o.WriteLine(string.Format(c, "  {0,-56} sentiment {1} -> {2}; needs reply {3} -> {4} (p={5:F2})",
                '"' + e.Text + '"', e.Sentiment, p.Sentiment, e.NeedsReply ? 1 : 0, p.NeedsReply ? 1 : 0, p.NeedsReplyProbability));
        foreach (var n in notes) o.WriteLine("note: " + n);
    }

    private static void WriteJson(TextWriter o, List<SuiteFigure> figures, List<(string Category, int Count, double Sentiment, double NeedsReply)> categories,
        List<((string Text, string Sentiment, bool NeedsReply) e, PostClassification c)> examples, List<string> notes)
    {
        var document = new
        {
            figures = figures.Select(f => new { figure = f.Figure, data = f.Data, value = Math.Round(f.Value, 6), target = f.Target > 0 ? f.Target : (double?)null,
                gap = f.Target > 0 ? Math.Round(f.Gap, 6) : (double?)null, met = f.Target > 0 ? f.Met : (bool?)null }),
            categories = categories.Select(x => new { category = x.Category, posts = x.Count, sentimentAccuracy = Math.Round(x.Sentiment, 4), needsReplyAccuracy = Math.Round(x.NeedsReply, 4) }),
            examples = examples.Select(x => new { text = x.e.Text, expectedSentiment = x.e.Sentiment, sentiment = x.c.Sentiment,
                expectedNeedsReply = x.e.NeedsReply, needsReply = x.c.NeedsReply, needsReplyProbability = Math.Round(x.c.NeedsReplyProbability, 4) }),
            notes,
        };
        o.WriteLine(JsonSerializer.Serialize(document, ReadableJson));
    }
}
