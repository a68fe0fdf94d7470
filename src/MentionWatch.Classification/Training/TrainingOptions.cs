using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Optimizer settings: AdaGrad on the class-weighted log loss, one example at a time in a seeded
/// shuffled order, L2 applied to the weights an example touches.
/// </summary>
internal sealed record TrainingOptions
{
    public int Epochs { get; init; } = 8;
    public float LearningRate { get; init; } = 0.2f;
    public float L2 { get; init; } = 1e-5f;

    /// <summary>0 = no class weighting, 1 = fully balanced (weight ∝ 1/frequency), per bias language.</summary>
    public float ClassWeightPower { get; init; } = 1f;

    /// <summary>Return the mean of the epoch-end weights over the second half of training.</summary>
    public bool AverageEpochs { get; init; } = true;

    /// <summary>Train this many models (seeds Seed, Seed+1, ...) and average their weights: one linear model, less shuffle noise.</summary>
    public int SeedAverage { get; init; } = 1;

    public int Seed { get; init; } = 1;

    /// <summary><see cref="Optimizers.AdaGrad"/> (our SGD) or <see cref="Optimizers.Lbfgs"/> (ML.NET L-BFGS on the same features).</summary>
    public string Optimizer { get; init; } = Optimizers.AdaGrad;

    /// <summary>L-BFGS only: L2 weight of ML.NET's objective (its loss is a sum over weighted rows, so the scale differs from <see cref="L2"/>).</summary>
    public float LbfgsL2 { get; init; } = 1f;

    /// <summary>L-BFGS only: L1 weight (ML.NET's default is 1; 0 keeps every bucket).</summary>
    public float LbfgsL1 { get; init; }

    /// <summary>L-BFGS only: iteration cap.</summary>
    public int MaxIterations { get; init; } = 200;
    public FeatureSpec Features { get; init; } = FeatureSpec.Default;

    public Dictionary<string, double> Describe()
    {
        var description = new Dictionary<string, double>
        {
            ["epochs"] = Epochs,
            ["learningRate"] = Math.Round((double)LearningRate, 6),
            ["l2"] = Math.Round((double)L2, 9),
            ["classWeightPower"] = Math.Round((double)ClassWeightPower, 6),
            ["averageEpochs"] = AverageEpochs ? 1 : 0,
        };
        if (Optimizer == Optimizers.Lbfgs)
        {
            description["lbfgs"] = 1;
            description["lbfgsL2"] = Math.Round((double)LbfgsL2, 9);
            description["lbfgsL1"] = Math.Round((double)LbfgsL1, 9);
            description["maxIterations"] = MaxIterations;
            return description;
        }
        // Only when averaging, so files trained before seed averaging existed reproduce byte for byte.
        if (SeedAverage > 1) description["seedAverage"] = SeedAverage;
        return description;
    }
}

/// <summary>Names of the optimizers <see cref="Trainer"/> runs.</summary>
internal static class Optimizers
{
    public const string AdaGrad = "adagrad";
    public const string Lbfgs = "lbfgs";

    public static string Check(string name) => name is AdaGrad or Lbfgs ? name
        : throw new ArgumentException($"unknown optimizer '{name}' (expected '{AdaGrad}' or '{Lbfgs}')");
}
