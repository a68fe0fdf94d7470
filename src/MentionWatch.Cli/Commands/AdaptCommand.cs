using System.CommandLine;
using System.Globalization;
using MentionWatch.Classification;
using MentionWatch.Classification.Adaptation;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>
/// `mentionwatch adapt`: trains a per-watch adaptation offline, as POST /api/v1/watches/{name}/adaptation does, from a
/// corrections export; prints each task's cross-validated figures, the verdict and how long training took.
/// </summary>
internal static class AdaptCommand
{
    public static Command Create()
    {
        var corrections = new Option<string>("--corrections") { Description = "corrections TSV (text, label, task), as GET /api/v1/corrections?format=tsv writes it", Required = true };
        var others = new Option<string?>("--others") { Description = "TSV with a text column: the watch's uncorrected posts (anchors)" };
        var models = new Option<string>("--models") { Description = "folder with sentiment.mwm and needs-reply.mwm", DefaultValueFactory = _ => "models" };
        var minimum = new Option<int>("--min-corrections") { Description = "corrections a task needs before it is adapted", DefaultValueFactory = _ => new AdaptationSettings().MinCorrections };
        var folds = new Option<int>("--folds") { Description = "cross-validation folds", DefaultValueFactory = _ => new AdaptationSettings().Folds };
        var command = new Command("adapt", "Train a per-watch adaptation from a corrections export and report whether it beats the shipped models") { corrections, others, models, minimum, folds };
        command.SetAction(result => CliErrors.Run(() =>
        {
            string dir = result.GetRequiredValue(models);
            var shipped = PostClassifier.Load(Path.Combine(dir, "sentiment.mwm"), Path.Combine(dir, "needs-reply.mwm"));
            string file = result.GetRequiredValue(corrections);
            var sentiment = Read(file, Tasks.Sentiment);
            var needsReply = Read(file, Tasks.NeedsReply);
            var anchors = result.GetValue(others) is { } o ? TsvReader.Texts(o).ToList() : [];
            var settings = new AdaptationSettings { MinCorrections = result.GetValue(minimum), Folds = result.GetValue(folds) };
            var started = TimeProvider.System.GetTimestamp();
            var adapted = AdaptationTrainer.Train(shipped, sentiment, needsReply, anchors, settings, CancellationToken.None);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            foreach (var report in new[] { adapted.Sentiment, adapted.NeedsReply })
                Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}\t{1}\tcorrections={2}\tdelta buckets={3}\tchanged share of others={4}\t{5}",
                    report.Task, report.Used ? "used" : "not used", report.Corrections, report.DeltaBuckets, report.ChangedShare?.ToString("F3", CultureInfo.InvariantCulture) ?? "-", report.Reason));
            Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "trained in {0:F2} s: {1} sentiment + {2} needs-reply corrections, {3} anchor posts, {4}-fold cross-validation",
                elapsed.TotalSeconds, sentiment.Count, needsReply.Count, anchors.Count, settings.Folds));
            return 0;
        }));
        return command;
    }

    private static List<CorrectedPost> Read(string file, string task) =>
        CorrectionRows.Read([file], task, 1f).Select(r => new CorrectedPost(r.Text, Tasks.LabelsOf(task)[r.Label])).ToList();
}
