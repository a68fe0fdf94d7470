using System.CommandLine;
using System.Globalization;
using MentionWatch.Classification.Model;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch classify`: one post per stdin line -> label, probabilities and the features that pushed it.</summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model file (.mwm)", Required = true };
        var top = new Option<int>("--top") { Description = "how many top features to show", DefaultValueFactory = _ => 5 };
        var sentiment = new Option<string?>("--sentiment-model") { Description = "sentiment model for a stacked needs-reply model (default: sentiment.mwm beside --model)" };
        var command = new Command("classify", "Classify posts read from stdin, one per line") { model, top, sentiment };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var linear = ModelFile.Read(result.GetRequiredValue(model));
            int n = result.GetValue(top);
            var stackOn = StackModel.For(linear, result.GetRequiredValue(model), result.GetValue(sentiment));
            var c = CultureInfo.InvariantCulture;
            for (string? line = Console.In.ReadLine(); line is not null; line = Console.In.ReadLine())
            {
                var e = Explainer.Explain(linear, line, n, stackOn);
                var probabilities = string.Join(" ", linear.Labels.Select((l, i) => string.Format(c, "{0}={1:F3}", l, e.Probabilities[i])));
                var features = string.Join(", ", e.TopFeatures.Select(f => string.Format(c, "{0} ({1:+0.000;-0.000})", f.Feature, f.Contribution)));
                Console.Out.WriteLine($"{e.Label}\t{probabilities}\tlang={e.Language}\t{features}");
            }
            return 0;
        }));
        return command;
    }
}
