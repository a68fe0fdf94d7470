using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Out-of-fold bias offsets (`--pooled-bias`): ensemble member m (seed Seed+m) holds out fold m of the main rows,
/// trains on the rest, and scores its own fold; the members' disjoint folds are pooled and ONE set of offsets (and the
/// temperature) is tuned on all of them. With three members and five folds that is 60% of the main rows instead of
/// one 20% fold, so the offsets move less with the split (session 9 saw the English negative offset anywhere from
/// +0.55 to +1.25), at the training cost of the single hold-out model it replaces: three single-seed models instead
/// of one three-seed average.
/// </summary>
internal static class PooledBiasTuning
{
    /// <summary>Why these settings cannot pool member hold-outs, or null when they can.</summary>
    public static string? Problem(TrainingOptions options, BiasTuning tuning)
    {
        int members = Math.Max(1, options.SeedAverage);
        if (tuning.Folds < 2) return $"--pooled-bias needs --tune-folds of at least 2, got {tuning.Folds}";
        // Each member needs a fold of its own, or two members would score the same rows and others none.
        if (members > tuning.Folds) return $"--pooled-bias needs --tune-folds ({tuning.Folds}) of at least the ensemble size (--seed-average {members})";
        return null;
    }

    /// <summary>
    /// Every member's fold scored by that member's hold-out model, pooled in member order. The folds are the ones the
    /// single hold-out uses (same seed), so member 0's fold is the default hold-out. Rows from <paramref name="mainRows"/>
    /// on are extra data: always trained on, never held out.
    /// </summary>
    public static HoldoutScores ScoreMemberHoldouts(FeaturizedSet data, int mainRows, ModelMetadata metadata, TrainingOptions options, int folds,
        CancellationToken cancellationToken = default)
    {
        int members = Math.Max(1, options.SeedAverage);
        var main = Enumerable.Range(0, mainRows).ToArray();
        var fold = CrossValidation.AssignFolds(main.Select(i => data.Labels[i]).ToArray(), metadata.Labels.Length, folds, options.Seed + 17);
        var parts = new HoldoutScores[members];
        // Members are independent, so they train on all cores; the parts are pooled by index, whatever the thread timing.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, members, parallel, m =>
        {
            var holdoutIdx = main.Where(i => fold[i] == m).ToList();
            var trainIdx = Enumerable.Range(0, data.Count).Where(i => i >= mainRows || fold[i] != m).ToList();
            var member = Trainer.Train(data.Subset(trainIdx), new ModelMetadata { Task = metadata.Task, Labels = metadata.Labels },
                options with { Seed = options.Seed + m, SeedAverage = 1 });
            parts[m] = HoldoutScores.Score(member, data.Subset(holdoutIdx));
        });
        return HoldoutScores.Pool(parts);
    }
}
