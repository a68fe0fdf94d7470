using System.CommandLine;
using MentionWatch.Cli.Commands;

var root = new RootCommand("mentionwatch: train, evaluate, run and benchmark the MentionWatch classifiers; back up and restore the store")
{
    TrainCommand.Create(),
    AdaptCommand.Create(),
    EvalCommand.Create(),
    CrossValidateCommand.Create(),
    ClassifyCommand.Create(),
    BenchCommand.Create(),
    InfoCommand.Create(),
    BackupCommand.Create(),
    RestoreCommand.Create(),
};
return CliErrors.Run(() => root.Parse(args).Invoke());
