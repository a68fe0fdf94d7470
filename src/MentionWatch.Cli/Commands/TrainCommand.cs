using System.Globalization;
using System.CommandLine;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;
using Spectre.Console;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch train`: fit a model on TSV files, evaluate it on validation files, write a .mwm file.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var options = new TrainingOptionSet();
        var data = new Option<string[]>("--data") { Description = "training TSV file (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var dataWeight = new Option<float[]>("--data-weight") { Description = "loss weight of --data rows: one value, or one per --data file (default 1)", AllowMultipleArgumentsPerToken = true };
        var validation = new Option<string[]>("--val") { Description = "validation TSV file (repeatable); metrics go into the model metadata", AllowMultipleArgumentsPerToken = true };
        var extra = new Option<string[]>("--train-extra") { Description = "extra training TSV (repeatable), weighted by --extra-weight", AllowMultipleArgumentsPerToken = true };
        var extraMap = new Option<string?>("--extra-map") { Description = "relabel extra files, e.g. negative=1,neutral=0,positive=0; news=0 relabels rows with a link or a leading RT" };
        var extraWeight = new Option<float[]>("--extra-weight") { Description = "loss weight of extra rows: one value, or one per --train-extra file", AllowMultipleArgumentsPerToken = true };
        var stack = new Option<string?>("--stack-sentiment") { Description = "sentiment model whose probabilities feed a needs-reply model" };
        var tune = new Option<string?>("--tune-bias") { Description = "tune bias offsets on a held-out part of the training rows for macroRecall, macroF1 or f1Positive" };
        var calibrate = new Option<bool>("--calibrate") { Description = "fit a probability temperature on a held-out part of the training rows" };
        var pooledBias = BiasTuningArguments.PooledOption();
        var tuneFolds = new Option<int>("--tune-folds") { Description = "hold out 1/N of the training rows for --tune-bias", DefaultValueFactory = _ => 10 };
        var exclude = new Option<string[]>("--exclude") { Description = "TSV file whose texts are kept out of training (repeatable), e.g. a file a stacked model is cross-validated on", AllowMultipleArgumentsPerToken = true };
        var holdoutPeriod = new Option<string?>("--holdout-period") { Description = "validate on the training rows of this `period` (or 'newest') and train on the older ones" };
        var extraWhere = new Option<string?>("--extra-where") { Description = "keep only extra rows whose column holds a value, e.g. source=twitter" };
        var corrections = new Option<string[]>("--corrections")
        {
            Description = "label corrections exported by GET /api/v1/corrections?format=tsv (repeatable): this task's rows join training and replace training rows with the same text",
            AllowMultipleArgumentsPerToken = true,
        };
        var correctionsWeight = new Option<float>("--corrections-weight") { Description = "loss weight of each correction row", DefaultValueFactory = _ => 1f };
        var output = new Option<string>("--out") { Description = "model file to write", Required = true };
        var command = new Command("train", "Train a sentiment or needs-reply model") { data, dataWeight, validation, output, extra, extraMap, extraWeight, stack, tune, tuneFolds, pooledBias, calibrate, exclude, holdoutPeriod, extraWhere, corrections, correctionsWeight };
        options.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var trainingOptions = options.Read(result);
            string task = result.GetRequiredValue(options.Task);
            // Before the progress bar, so a refused combination of options fails before any file is read.
            var tuning = BiasTuningArguments.Read(result.GetValue(tune), result.GetValue(tuneFolds), result.GetValue(calibrate), result.GetValue(pooledBias), trainingOptions);
            TrainingResult? trained = null;
            AnsiConsole.Progress().AutoClear(false).Start(ctx =>
            {
                var bar = ctx.AddTask($"training {task}", maxValue: 1.0);
                trained = TrainingRun.Execute(task, result.GetRequiredValue(data), result.GetValue(validation) ?? [],
                    trainingOptions, new Progress<double>(p => bar.Value = p), StackModel.Load(result.GetValue(stack), task),
                    result.GetValue(extra) ?? [], result.GetValue(extraWeight), result.GetValue(extraMap),
                    tuning,
                    result.GetValue(exclude) ?? [], result.GetValue(holdoutPeriod), result.GetValue(extraWhere),
                    result.GetValue(corrections) ?? [], result.GetValue(correctionsWeight), result.GetValue(dataWeight));
                bar.Value = 1.0;
            });
            string outPath = result.GetRequiredValue(output);
            ModelFile.Write(outPath, trained!.Model);
            PrintSummary(trained, outPath);
            return 0;
        }));
        return command;
    }

    private static void PrintSummary(TrainingResult trained, string outPath)
    {
        var table = new Table().AddColumns("data", "rows", "accuracy", "macro-recall", "macro-F1");
        table.AddRow("training files", trained.Rows.ToString(CultureInfo.InvariantCulture), "", "", "");
        if (trained.CorrectionRows > 0) table.AddRow("corrections", trained.CorrectionRows.ToString(CultureInfo.InvariantCulture), "", "", "");
        foreach (var (file, report) in trained.Validation)
            table.AddRow(Markup.Escape(TrainingRun.DisplayName(file)), report.Count.ToString(CultureInfo.InvariantCulture), report.Accuracy.ToString("F4", CultureInfo.InvariantCulture),
                report.MacroRecall.ToString("F4", CultureInfo.InvariantCulture), report.MacroF1.ToString("F4", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(outPath)}[/] ({new FileInfo(outPath).Length / 1024.0 / 1024.0:F1} MiB) in {trained.Elapsed.TotalSeconds:F1} s");
    }
}
