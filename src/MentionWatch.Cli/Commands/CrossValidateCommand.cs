using System.CommandLine;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch crossval`: stratified k-fold cross-validation with optional extra training-only files.</summary>
internal static class CrossValidateCommand
{
    public static Command Create()
    {
        var options = new TrainingOptionSet();
        var data = new Option<string>("--data") { Description = "labelled TSV file to cross-validate on", Required = true };
        var folds = new Option<int>("--folds", "--cv") { Description = "number of folds", DefaultValueFactory = _ => 5 };
        var extra = new Option<string[]>("--train-extra") { Description = "TSV added to every training fold only (repeatable)", AllowMultipleArgumentsPerToken = true };
        var extraMap = new Option<string?>("--extra-map") { Description = "relabel extra files, e.g. negative=1,neutral=0,positive=0; news=0 relabels rows with a link or a leading RT" };
        var extraWeight = new Option<float[]>("--extra-weight") { Description = "loss weight of extra rows: one value, or one per --train-extra file", AllowMultipleArgumentsPerToken = true };
        var stack = new Option<string?>("--stack-sentiment") { Description = "sentiment model whose probabilities feed a needs-reply model" };
        var tune = new Option<string?>("--tune-bias") { Description = "tune bias offsets inside each training fold for macroRecall, macroF1 or f1Positive" };
        var calibrate = new Option<bool>("--calibrate") { Description = "fit a probability temperature on a held-out part of the training rows" };
        var pooledBias = BiasTuningArguments.PooledOption();
        var tuneFolds = new Option<int>("--tune-folds") { Description = "hold out 1/N of each training fold for --tune-bias", DefaultValueFactory = _ => 10 };
        var predictions = new Option<string?>("--predictions") { Description = "write every row's out-of-fold prediction to this TSV (text, label, predicted, one probability column per label)" };
        var extraWhere = new Option<string?>("--extra-where") { Description = "keep only extra rows whose column holds a value, e.g. source=twitter" };
        // An in-domain file can then be cross-validated as the recipe trains it: one language's rows, at the recipe's loss weight.
        var dataWhere = new Option<string?>("--data-where") { Description = "cross-validate only the rows of --data whose column holds a value, e.g. lang=en" };
        var dataWeight = new Option<float>("--data-weight") { Description = "loss weight of the --data rows in the training folds", DefaultValueFactory = _ => 1f };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("crossval", "Cross-validate a task's trainer on a labelled TSV file") { data, folds, extra, extraMap, extraWeight, stack, tune, tuneFolds, pooledBias, calibrate, predictions, format, extraWhere, dataWhere, dataWeight };
        options.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var trainingOptions = options.Read(result);
            string task = result.GetRequiredValue(options.Task);
            var labels = Tasks.LabelsOf(task);
            float weight = result.GetValue(dataWeight);
            var rows = TsvReader.Read(result.GetRequiredValue(data), labels, result.GetValue(dataWhere)).Select(r => r with { Weight = weight }).ToList();
            var extraFiles = result.GetValue(extra) ?? [];
            var extraRows = ExtraData.Read(extraFiles, result.GetValue(extraMap), labels, result.GetValue(extraWhere),
                ExtraWeights.PerFile(result.GetValue(extraWeight), extraFiles.Length));
            int k = result.GetValue(folds);
            var cv = CrossValidation.Run(task, rows, extraRows, k, trainingOptions, 1f, StackModel.Load(result.GetValue(stack), task),
                BiasTuningArguments.Read(result.GetValue(tune), result.GetValue(tuneFolds), result.GetValue(calibrate), result.GetValue(pooledBias), trainingOptions));
            var foldF1 = cv.Folds.Select(f => f.MacroF1).ToArray();
            var summary = new Dictionary<string, object>
            {
                ["folds"] = k,
                ["extraRows"] = cv.ExtraRows,
                ["meanFoldMacroF1"] = foldF1.Average(),
            };
            if (labels.Length == 2) summary["meanFoldF1Positive"] = cv.Folds.Average(f => f.Classes[labels[1]].F1);
            if (result.GetValue(predictions) is { } predictionsPath) WritePredictions(predictionsPath, rows, labels, cv);
            ReportWriter.Write(cv.Pooled, result.GetValue(format) == "json", Console.Out, summary);
            return 0;
        }));
        return command;
    }

    private static void WritePredictions(string path, IReadOnlyList<LabeledText> rows, string[] labels, CrossValidationResult cv)
    {
        using var writer = new StreamWriter(path);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        writer.WriteLine("text\tlabel\tpredicted\t" + string.Join('\t', labels.Select(l => "p_" + l)));
        for (int i = 0; i < rows.Count; i++)
        {
            var probabilities = cv.Probabilities.AsSpan(i * labels.Length, labels.Length).ToArray().Select(p => p.ToString("0.0000", invariant));
            writer.WriteLine($"{rows[i].Text.ReplaceLineEndings(" ").Replace('\t', ' ')}\t{labels[rows[i].Label]}\t{labels[cv.Predicted[i]]}\t{string.Join('\t', probabilities)}");
        }
    }
}
