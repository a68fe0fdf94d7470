using System.Diagnostics;
using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>Result of <see cref="TrainingRun.Execute"/>: the model, validation reports and timings.</summary>
internal sealed record TrainingResult(LinearModel Model, int Rows, IReadOnlyList<(string File, EvaluationReport Report)> Validation, TimeSpan Elapsed);

/// <summary>Reads files, featurizes, trains and evaluates on validation files; what `mentionwatch train` runs.</summary>
internal static class TrainingRun
{
    public static TrainingResult Execute(string task, IReadOnlyList<string> dataFiles, IReadOnlyList<string> validationFiles,
        TrainingOptions options, IProgress<double>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var labels = Tasks.LabelsOf(task);
        var rows = new List<LabeledText>();
        foreach (var file in dataFiles) rows.AddRange(TsvReader.Read(file, labels));
        var validation = validationFiles.Select(f => (File: f, Rows: TsvReader.Read(f, labels))).ToList();
        var data = FeaturizedSet.Build(rows, options.Features);
        var metadata = new ModelMetadata
        {
            Task = task,
            Labels = labels,
            TrainingFiles = dataFiles.Select(Path.GetFileName).Select((name, i) => DisplayName(dataFiles[i])).ToArray(),
        };
        var model = Trainer.Train(data, metadata, options, progress);
        var reports = new List<(string, EvaluationReport)>();
        foreach (var (file, valRows) in validation)
        {
            var report = Evaluator.Evaluate(model, FeaturizedSet.Build(valRows, options.Features));
            reports.Add((file, report));
            foreach (var (key, value) in report.Summary(DisplayName(file) + ":")) model.Metadata.Metrics[key] = value;
        }
        return new TrainingResult(model, rows.Count, reports, clock.Elapsed);
    }

    /// <summary>Path relative to the data root when it lies under a "data" folder, so cards do not leak local paths.</summary>
    public static string DisplayName(string path)
    {
        var full = Path.GetFullPath(path).Replace('\\', '/');
        int at = full.LastIndexOf("/data/", StringComparison.Ordinal);
        return at >= 0 ? full[(at + 6)..] : Path.GetFileName(full);
    }
}
