using System.CommandLine;
using MentionWatch.Cli.Commands;

var root = new RootCommand("mentionwatch: train, evaluate, run and benchmark the MentionWatch classifiers")
{
    TrainCommand.Create(),
    EvalCommand.Create(),
    CrossValidateCommand.Create(),
    ClassifyCommand.Create(),
    BenchCommand.Create(),
    InfoCommand.Create(),
};
return CliErrors.Run(() => root.Parse(args).Invoke());
