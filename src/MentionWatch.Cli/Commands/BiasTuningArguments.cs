using System.CommandLine;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>Builds the <see cref="BiasTuning"/> that train and crossval pass on, refusing settings it cannot honour.</summary>
internal static class BiasTuningArguments
{
    public static Option<bool> PooledOption() => new("--pooled-bias")
    {
        Description = "tune the bias offsets and temperature on every seed-average member's own hold-out fold, pooled (needs --tune-folds >= --seed-average)",
    };

    /// <summary>Null when neither offsets nor a temperature are asked for.</summary>
    public static BiasTuning? Read(string? metric, int folds, bool calibrate, bool pooled, TrainingOptions options)
    {
        if (metric is null && !calibrate)
            // Silently training without any hold-out would hide that the flag did nothing.
            return pooled ? throw new ArgumentException("--pooled-bias needs --tune-bias or --calibrate") : null;
        var tuning = new BiasTuning(metric, folds, calibrate, pooled);
        if (pooled && PooledBiasTuning.Problem(options, tuning) is { } problem) throw new ArgumentException(problem);
        return tuning;
    }
}
