using System.CommandLine;
using MentionWatch.Classification.Features;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>Hyper-parameter options shared by train and crossval; defaults are the per-task shipped settings.</summary>
internal sealed class TrainingOptionSet
{
    public Option<string> Task { get; } = new("--task") { Description = "sentiment or needs-reply", Required = true };
    public Option<int> Seed { get; } = new("--seed") { Description = "random seed (shuffling)", DefaultValueFactory = _ => 1 };
    public Option<int?> Epochs { get; } = new("--epochs") { Description = "passes over the training data" };
    public Option<float?> LearningRate { get; } = new("--lr") { Description = "AdaGrad learning rate" };
    public Option<float?> L2 { get; } = new("--l2") { Description = "L2 penalty on touched weights" };
    public Option<float?> ClassWeightPower { get; } = new("--class-weight-power") { Description = "0 = none, 1 = balanced" };
    public Option<float?> RussianClassWeightPower { get; } = new("--ru-class-weight-power") { Description = "class weighting of the Russian rows, when it differs from --class-weight-power" };
    public Option<bool?> Average { get; } = new("--average") { Description = "average epoch-end weights of the second half" };
    public Option<int?> HashBits { get; } = new("--hash-bits") { Description = "log2 of the number of hash buckets" };
    public Option<int?> CharMin { get; } = new("--char-min") { Description = "shortest character n-gram" };
    public Option<float?> CharWeight { get; } = new("--char-weight") { Description = "weight of the character n-gram block against the word block" };
    public Option<int?> CharMax { get; } = new("--char-max") { Description = "longest character n-gram (0 = none)" };

    public Option<bool?> Handles { get; } = new("--handles") { Description = "add a feature naming each @handle (e.g. the brand's support account)" };

    public Option<int?> SeedAverage { get; } = new("--seed-average") { Description = "average the weights of this many models trained with consecutive seeds" };

    public Option<bool?> RussianStems { get; } = new("--ru-stems") { Description = "add a Snowball stem feature for each Russian word" };

    public Option<bool?> Lexicon { get; } = new("--lexicon") { Description = "add a polarity-class feature for each English lexicon word (VADER)" };

    public Option<string?> Lane { get; } = new("--lane") { Description = "word lane TSV (mentionwatch-teacher lane): per-word logits added to the unigram weights (sentiment)" };

    public Option<float> LaneWeight { get; } = new("--lane-weight") { Description = "weight of the word lane", DefaultValueFactory = _ => 1f };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Task, Seed, Epochs, LearningRate, L2, ClassWeightPower, RussianClassWeightPower, Average, HashBits, CharMin, CharMax, CharWeight, Handles, SeedAverage, RussianStems, Lexicon, Lane, LaneWeight })
            command.Add(o);
    }

    public TrainingOptions Read(ParseResult result)
    {
        var task = result.GetRequiredValue(Task);
        var defaults = TaskDefaults.For(task);
        var lanePath = result.GetValue(Lane);
        if (lanePath is not null && task != Tasks.Sentiment) throw new ArgumentException($"--lane is for the sentiment task (per-class word logits), not {task}");
        var spec = defaults.Features with
        {
            HashBits = result.GetValue(HashBits) ?? defaults.Features.HashBits,
            CharNgramMin = result.GetValue(CharMin) ?? defaults.Features.CharNgramMin,
            CharNgramMax = result.GetValue(CharMax) ?? defaults.Features.CharNgramMax,
            CharWeight = result.GetValue(CharWeight) ?? defaults.Features.CharWeight,
            Handles = result.GetValue(Handles) ?? defaults.Features.Handles,
            RussianStems = result.GetValue(RussianStems) ?? defaults.Features.RussianStems,
            Lexicon = result.GetValue(Lexicon) ?? defaults.Features.Lexicon,
        };
        var problems = spec.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        return defaults with
        {
            Seed = result.GetValue(Seed),
            Epochs = result.GetValue(Epochs) ?? defaults.Epochs,
            LearningRate = result.GetValue(LearningRate) ?? defaults.LearningRate,
            L2 = result.GetValue(L2) ?? defaults.L2,
            ClassWeightPower = result.GetValue(ClassWeightPower) ?? defaults.ClassWeightPower,
            RussianClassWeightPower = result.GetValue(RussianClassWeightPower) ?? defaults.RussianClassWeightPower,
            AverageEpochs = result.GetValue(Average) ?? defaults.AverageEpochs,
            SeedAverage = result.GetValue(SeedAverage) ?? defaults.SeedAverage,
            Features = spec,
            Lane = lanePath is null ? null : WordLane.Read(lanePath, result.GetValue(LaneWeight)),
        };
    }
}
