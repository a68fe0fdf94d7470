namespace MentionWatch.Classification.Adaptation;

/// <summary>
/// How a per-watch adaptation is trained and checked. The defaults were chosen on synthetic watches (consistent
/// corrections must be learnt from 20-30 examples; contradictory ones must not move the scores), never on an
/// evaluation set.
/// </summary>
public sealed record AdaptationSettings
{
    /// <summary>Fewer corrections of a task than this and that task is not adapted (cross-validation would be noise).</summary>
    public int MinCorrections { get; init; } = 20;

    /// <summary>Folds of the cross-validation that decides whether the adaptation is used.</summary>
    public int Folds { get; init; } = 5;

    public int Epochs { get; init; } = 10;
    public float LearningRate { get; init; } = 0.1f;

    /// <summary>L2 on the weight delta: pulls it toward the shipped weights (a delta of zero).</summary>
    public float L2 { get; init; } = 1e-3f;

    /// <summary>L2 on the bias shift, so a few corrections cannot push every post of the watch toward one label.</summary>
    public float BiasL2 { get; init; } = 0.5f;

    /// <summary>
    /// Loss weight of each of the watch's uncorrected posts, trained on with the shipped model's label: they anchor
    /// words that every post of the watch shares (the brand's name), so corrections that all carry one label teach
    /// what is special about them rather than "this watch is negative" (measured in the adaptation tests: after 30
    /// sarcasm corrections, 24 of 30 chatter posts flipped with weight 0, none with 0.2).
    /// </summary>
    public float AnchorWeight { get; init; } = 0.2f;

    /// <summary>
    /// Class weighting as in the shipped models' trainer; off here. Balancing classes scales the anchors of a label the
    /// corrections lack back up to the corrections' weight, so <see cref="AnchorWeight"/> stopped mattering (measured on a
    /// synthetic watch: with power 1, anchor weights 0.05-0.5 gave identical deltas, and 12 of 15 uncorrected posts like
    /// the corrected ones followed the corrections against 15 of 15 with power 0).
    /// </summary>
    public float ClassWeightPower { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Every problem with the settings, empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MinCorrections < 5) problems.Add($"MinCorrections {MinCorrections} is below 5");
        if (Folds is < 2 or > 20) problems.Add($"Folds {Folds} is outside 2..20");
        if (MinCorrections < Folds) problems.Add($"MinCorrections {MinCorrections} is below Folds {Folds}");
        if (Epochs is < 1 or > 100) problems.Add($"Epochs {Epochs} is outside 1..100");
        if (!(LearningRate > 0 && LearningRate <= 10)) problems.Add($"LearningRate {LearningRate} is outside (0, 10]");
        if (!(L2 >= 0 && L2 <= 10)) problems.Add($"L2 {L2} is outside [0, 10]");
        if (!(BiasL2 >= 0 && BiasL2 <= 100)) problems.Add($"BiasL2 {BiasL2} is outside [0, 100]");
        if (!(AnchorWeight >= 0 && AnchorWeight <= 10)) problems.Add($"AnchorWeight {AnchorWeight} is outside [0, 10]");
        if (!(ClassWeightPower >= 0 && ClassWeightPower <= 2)) problems.Add($"ClassWeightPower {ClassWeightPower} is outside [0, 2]");
        return problems;
    }
}
