namespace MentionWatch.Classification.Training;

/// <summary>One row of the production-like evaluation set: a post with both labels, its language and category.</summary>
internal sealed record BrandSupportPost(string Text, string Language, string Sentiment, bool NeedsReply, string Category);

/// <summary>
/// Reads models/eval/brand-support.tsv (columns text, lang, sentiment, needs_reply, category): posts about
/// fictional brands written for this project and labelled by the needs-reply guideline. Evaluation only.
/// </summary>
internal static class BrandSupportSet
{
    private static readonly string[] Columns = ["text", "lang", "sentiment", "needs_reply", "category"];

    public static List<BrandSupportPost> Read(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException($"{path}: file not found");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].TrimEnd('\r').Split('\t').SequenceEqual(Columns))
            throw new DataFormatException($"{path}:1: header must be '{string.Join("\t", Columns)}'");
        var sentiments = Tasks.LabelsOf(Tasks.Sentiment);
        var posts = new List<BrandSupportPost>();
        for (int i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            if (f.Length != Columns.Length) throw new DataFormatException($"{path}:{i + 1}: expected {Columns.Length} columns, found {f.Length}");
            if (f[1] is not ("en" or "ru")) throw new DataFormatException($"{path}:{i + 1}: lang must be en or ru, found '{f[1]}'");
            if (Array.IndexOf(sentiments, f[2]) < 0) throw new DataFormatException($"{path}:{i + 1}: unknown sentiment '{f[2]}'");
            if (f[3] is not ("0" or "1")) throw new DataFormatException($"{path}:{i + 1}: needs_reply must be 0 or 1, found '{f[3]}'");
            posts.Add(new BrandSupportPost(f[0], f[1], f[2], f[3] == "1", f[4]));
        }
        return posts;
    }

    /// <summary>Sentiment and needs-reply reports of a classifier on the posts of one language (the hot path, 8-bit weights).</summary>
    public static (EvaluationReport Sentiment, EvaluationReport NeedsReply) Evaluate(PostClassifier classifier, IEnumerable<BrandSupportPost> posts)
    {
        var sentiments = Tasks.LabelsOf(Tasks.Sentiment);
        var list = posts.ToList();
        var goldS = new int[list.Count];
        var predS = new int[list.Count];
        var goldR = new int[list.Count];
        var predR = new int[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            var c = classifier.Classify(list[i].Text);
            goldS[i] = Array.IndexOf(sentiments, list[i].Sentiment);
            predS[i] = Array.IndexOf(sentiments, c.Sentiment);
            goldR[i] = list[i].NeedsReply ? 1 : 0;
            predR[i] = c.NeedsReply ? 1 : 0;
        }
        return (EvaluationReport.From(sentiments, goldS, predS), EvaluationReport.From(Tasks.LabelsOf(Tasks.NeedsReply), goldR, predR));
    }
}
