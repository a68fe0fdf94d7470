using System.Diagnostics;
using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Hold out one of <paramref name="Folds"/> stratified parts of the training rows to tune bias offsets for
/// <paramref name="Metric"/> (if any) and to fit a probability temperature (if <paramref name="Calibrate"/>).
/// <paramref name="Pooled"/>: each ensemble member holds out a fold of its own and both are tuned on the pooled
/// folds (<see cref="PooledBiasTuning"/>); off by default, which is how the shipped models were trained.
/// </summary>
internal sealed record BiasTuning(string? Metric, int Folds, bool Calibrate, bool Pooled = false);

/// <summary>Result of <see cref="TrainingRun.Execute"/>: the model, validation reports and timings.</summary>
internal sealed record TrainingResult(LinearModel Model, int Rows, IReadOnlyList<(string File, EvaluationReport Report)> Validation, TimeSpan Elapsed)
{
    /// <summary>Rows read from <c>--corrections</c> files for this task.</summary>
    public int CorrectionRows { get; init; }
}

/// <summary>Reads files, featurizes, trains and evaluates on validation files; what `mentionwatch train` runs.</summary>
internal static class TrainingRun
{
    public static TrainingResult Execute(string task, IReadOnlyList<string> dataFiles, IReadOnlyList<string> validationFiles,
        TrainingOptions options, IProgress<double>? progress = null, LinearModel? stackOn = null, IReadOnlyList<string>? extraFiles = null, IReadOnlyList<float>? extraWeights = null, string? extraMap = null,
        BiasTuning? tuning = null, IReadOnlyList<string>? excludeFiles = null, string? holdoutPeriod = null, string? extraWhere = null,
        IReadOnlyList<string>? correctionFiles = null, float correctionWeight = 1f, IReadOnlyList<float>? dataWeights = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var labels = Tasks.LabelsOf(task);
        var rows = new List<LabeledText>();
        // A weighted data file (e.g. in-domain posts) trains with that loss weight but, unlike an extra file, its rows
        // also join the bias/temperature hold-out, where every row counts once.
        var fileWeights = ExtraWeights.PerFile(dataWeights, dataFiles.Count, "--data-weight");
        for (int f = 0; f < dataFiles.Count; f++)
        {
            var fileRows = TsvReader.Read(dataFiles[f], labels);
            rows.AddRange(fileWeights is null ? fileRows : fileRows.Select(r => r with { Weight = fileWeights[f] }));
        }
        // Texts of the exclude files stay out of training entirely, e.g. the needs-reply tweets, so that a
        // needs-reply cross-validation stacked on this model never meets a tweet this model trained on.
        var excluded = new HashSet<string>((excludeFiles ?? []).SelectMany(TsvReader.Texts));
        rows.RemoveAll(r => excluded.Contains(r.Text.Trim()));
        var validation = validationFiles.Select(f => (File: f, Rows: TsvReader.Read(f, labels))).ToList();
        var heldOut = new HashSet<string>();
        if (holdoutPeriod is not null)
        {
            // Model selection on later data: the newest release validates a model trained on the older ones.
            string period = Periods.Resolve(holdoutPeriod, rows.Select(r => r.Period));
            validation.Insert(0, ("period:" + period, rows.Where(r => r.Period == period).ToList()));
            heldOut.UnionWith(validation[0].Rows.Select(r => r.Text.Trim()));
            rows.RemoveAll(r => r.Period == period);
        }
        var corrections = correctionFiles is { Count: > 0 } ? CorrectionRows.Read(correctionFiles, task, correctionWeight) : [];
        // A corrected text's label is the newer truth: a training row with the same text would fight it, so it goes.
        var corrected = new HashSet<string>(corrections.Select(r => r.Text.Trim()));
        rows.RemoveAll(r => corrected.Contains(r.Text.Trim()));
        var data = FeaturizedSet.Build(rows, options.Features);
        if (extraFiles is { Count: > 0 })
        {
            // Extra rows that repeat a training text would only fight its real label: drop them. A teacher's soft targets
            // for a training text are meant to sit beside its label, so they stay; no extra row may bring back an excluded,
            // corrected or held-out-period text.
            var blocked = new HashSet<string>(excluded.Concat(corrected).Concat(heldOut));
            var seen = new HashSet<string>(rows.Select(r => r.Text.Trim()).Concat(blocked));
            var extraRows = ExtraData.Read(extraFiles, extraMap, labels, extraWhere, ExtraWeights.PerFile(extraWeights, extraFiles.Count))
                .Where(r => !(r.Targets is not null ? blocked : seen).Contains(r.Text.Trim())).ToList();
            data = FeaturizedSet.Concat(data, FeaturizedSet.Build(extraRows, options.Features));
        }
        // After the extra rows, so bias tuning's hold-out (the first rows.Count rows) stays the main training rows.
        if (corrections.Count > 0) data = FeaturizedSet.Concat(data, FeaturizedSet.Build(corrections, options.Features));
        if (stackOn is not null) data.WithSentiment(stackOn);
        var metadata = new ModelMetadata
        {
            Task = task,
            Labels = labels,
            TrainingFiles = dataFiles.Concat(extraFiles ?? []).Concat(correctionFiles ?? []).Select(DisplayName).ToArray(),
        };
        if (stackOn is not null) metadata.StackedOnSentimentVersion = stackOn.Metadata.Version;
        var model = Trainer.Train(data, metadata, options, progress);
        if (tuning is not null) BiasTuner.TuneOnHoldout(model, data, rows.Count, options, tuning, cancellationToken);
        var reports = new List<(string, EvaluationReport)>();
        foreach (var (file, valRows) in validation)
        {
            var valSet = FeaturizedSet.Build(valRows, options.Features);
            if (stackOn is not null) valSet.WithSentiment(stackOn);
            var report = Evaluator.Evaluate(model, valSet);
            reports.Add((file, report));
            foreach (var (key, value) in report.Summary(DisplayName(file) + ":")) model.Metadata.Metrics[key] = value;
        }
        return new TrainingResult(model, rows.Count, reports, clock.Elapsed) { CorrectionRows = corrections.Count };
    }

    /// <summary>Path relative to the data root when it lies under a "data" folder, so cards do not leak local paths.</summary>
    public static string DisplayName(string path)
    {
        if (path.StartsWith("period:", StringComparison.Ordinal)) return path;
        var full = Path.GetFullPath(path).Replace('\\', '/');
        int at = full.LastIndexOf("/data/", StringComparison.Ordinal);
        return at >= 0 ? full[(at + 6)..] : Path.GetFileName(full);
    }
}
