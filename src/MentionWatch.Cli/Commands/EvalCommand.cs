using System.CommandLine;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch eval`: accuracy, macro recall/F1, per-class figures and confusion matrix of a model on a file.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model file (.mwm)", Required = true };
        var data = new Option<string>("--data") { Description = "TSV file with text and label columns", Required = true };
        var sentiment = new Option<string?>("--sentiment-model") { Description = "sentiment model for a stacked needs-reply model (default: sentiment.mwm beside --model)" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("eval", "Evaluate a model on a labelled TSV file") { model, data, sentiment, format };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var linear = ModelFile.Read(result.GetRequiredValue(model));
            var rows = TsvReader.Read(result.GetRequiredValue(data), linear.Labels);
            var set = FeaturizedSet.Build(rows, linear.Spec);
            var stackOn = StackModel.For(linear, result.GetRequiredValue(model), result.GetValue(sentiment));
            if (stackOn is not null) set.WithSentiment(stackOn);
            var report = Evaluator.Evaluate(linear, set);
            ReportWriter.Write(report, result.GetValue(format) == "json", Console.Out);
            return 0;
        }));
        return command;
    }
}
