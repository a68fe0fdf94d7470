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

    /// <summary>
    /// L2 penalty on the bias rows; 0 (the shipped models) leaves them free. A per-watch adaptation sets it so a
    /// handful of corrections cannot shift every post of the watch toward one label.
    /// </summary>
    public float BiasL2 { get; init; }

    /// <summary>0 = no class weighting, 1 = fully balanced (weight ∝ 1/frequency), per bias language.</summary>
    public float ClassWeightPower { get; init; } = 1f;

    /// <summary>
    /// The Russian rows' own class-weight power, when it differs from <see cref="ClassWeightPower"/>: the team-labelled
    /// Russian brand tweets make Russian needs-reply far more "0"-heavy than the English rows, and full balancing then buys
    /// recall with too much precision.
    /// </summary>
    public float? RussianClassWeightPower { get; init; }

    /// <summary>The class-weight power of one bias language's rows.</summary>
    public float ClassWeightPowerOf(string language) =>
        language == Language.LanguageIdentifier.Russian ? RussianClassWeightPower ?? ClassWeightPower : ClassWeightPower;

    /// <summary>Return the mean of the epoch-end weights over the second half of training.</summary>
    public bool AverageEpochs { get; init; } = true;

    /// <summary>Train this many models (seeds Seed, Seed+1, ...) and average their weights: one linear model, less shuffle noise.</summary>
    public int SeedAverage { get; init; } = 1;

    public int Seed { get; init; } = 1;

    /// <summary>Per-word logits added to the unigram weights of every model trained (sentiment only; <see cref="WordLane"/>).</summary>
    public WordLane? Lane { get; init; }

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
        // Only when averaging, so files trained before seed averaging existed reproduce byte for byte.
        if (SeedAverage > 1) description["seedAverage"] = SeedAverage;
        if (RussianClassWeightPower is { } ru && ru != ClassWeightPower) description["ruClassWeightPower"] = Math.Round((double)ru, 6);
        if (Lane is not null)
        {
            description["laneWeight"] = Math.Round((double)Lane.Weight, 6);
            description["laneWords"] = Lane.Words.Count;
        }
        if (BiasL2 > 0) description["biasL2"] = Math.Round((double)BiasL2, 9);
        return description;
    }
}
