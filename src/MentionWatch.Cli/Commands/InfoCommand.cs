using System.CommandLine;
using System.Text.Json;
using MentionWatch.Classification.Model;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch info`: a model file's version and metadata (after checksum verification).</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model file (.mwm)", Required = true };
        var command = new Command("info", "Print a model file's version and metadata") { model };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var linear = ModelFile.Read(result.GetRequiredValue(model));
            Console.WriteLine($"version: {linear.Metadata.Version}");
            Console.WriteLine(JsonSerializer.Serialize(linear.Metadata, ModelMetadataJson.Default.ModelMetadata));
            return 0;
        }));
        return command;
    }
}
