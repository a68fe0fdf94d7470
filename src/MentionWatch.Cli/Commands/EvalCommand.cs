using System.CommandLine;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch eval`: accuracy, macro recall/F1, per-class figures and confusion matrix of a model on a file.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "model file (.mwm); required unless --suite" };
        var data = new Option<string?>("--data") { Description = "TSV file with text and label columns; required unless --suite" };
        var suite = new Option<bool>("--suite") { Description = "every figure of a model pair: brand-support set, validation files, 5-fold CVs, each with its target and gap" };
        var needsReply = new Option<string>("--needs-reply-model") { Description = "--suite: needs-reply model", DefaultValueFactory = _ => "models/needs-reply.mwm" };
        var brandSupport = new Option<string>("--brand-support") { Description = "--suite: the production-like evaluation set", DefaultValueFactory = _ => "models/eval/brand-support.tsv" };
        var demoLabels = new Option<string>("--demo-labels") { Description = "--suite: the demo posts with their labels (report only)", DefaultValueFactory = _ => "models/eval/demo-labels.tsv" };
        var dataDir = new Option<string>("--data-dir") { Description = "--suite: the shared data folder (its figures are skipped when it is absent)", DefaultValueFactory = _ => "../shared/data" };
        var sentiment = new Option<string?>("--sentiment-model") { Description = "sentiment model for a stacked needs-reply model (default: sentiment.mwm beside --model)" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("eval", "Evaluate a model on a labelled TSV file") { model, data, sentiment, format, suite, needsReply, brandSupport, demoLabels, dataDir };
        command.SetAction(result => CliErrors.Run(() =>
        {
            bool json = result.GetValue(format) == "json";
            if (result.GetValue(suite))
                return EvalSuite.Run(result.GetValue(sentiment) ?? "models/sentiment.mwm", result.GetRequiredValue(needsReply),
                    result.GetRequiredValue(brandSupport), result.GetRequiredValue(dataDir), json, Console.Out, result.GetValue(demoLabels));
            string modelPath = result.GetValue(model) ?? throw new ArgumentException("--model is required (or use --suite)");
            string dataPath = result.GetValue(data) ?? throw new ArgumentException("--data is required (or use --suite)");
            var linear = ModelFile.Read(modelPath);
            var rows = TsvReader.Read(dataPath, linear.Labels);
            var set = FeaturizedSet.Build(rows, linear.Spec);
            var stackOn = StackModel.For(linear, modelPath, result.GetValue(sentiment));
            if (stackOn is not null) set.WithSentiment(stackOn);
            var report = Evaluator.Evaluate(linear, set);
            ReportWriter.Write(report, json, Console.Out);
            return 0;
        }));
        return command;
    }
}
