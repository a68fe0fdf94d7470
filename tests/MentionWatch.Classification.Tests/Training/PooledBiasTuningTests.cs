using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class PooledBiasTuningTests
{
    private static readonly ModelMetadata SentimentMetadata = new() { Task = Tasks.Sentiment, Labels = Tasks.LabelsOf(Tasks.Sentiment) };

    [Test]
    public void Tune_PooledHoldoutScores_EqualsTuningOnTheConcatenatedHoldouts()
    {
        var model = NeutralLeaningModel();
        var first = FeaturizedSet.Build(NoisyRows(seed: 21), Some.SmallSpec);
        var second = FeaturizedSet.Build(NoisyRows(seed: 22), Some.SmallSpec);
        var metric = BiasTuner.Metric("macroRecall");

        var pooled = BiasTuner.Tune(HoldoutScores.Pool([HoldoutScores.Score(model, first), HoldoutScores.Score(model, second)]), model.Labels, model.Biases.Length, metric);
        var concatenated = BiasTuner.Tune(model, FeaturizedSet.Concat(first, second), metric);
        var firstOnly = BiasTuner.Tune(model, first, metric);

        Assert.Multiple(() =>
        {
            // Non-zero, or the equality below would hold for a tuner that never moves anything.
            Assert.That(concatenated, Has.Some.Not.EqualTo(0f), "a model trained without class balance on neutral-heavy rows needs offsets");
            Assert.That(pooled, Is.EqualTo(concatenated));
            Assert.That(firstOnly, Is.Not.EqualTo(pooled), "one hold-out alone tunes other offsets: pooling changes the result");
        });
    }

    [Test]
    public void TuneOnHoldout_PooledWithOneMember_IsTheSingleHoldout()
    {
        // One member holds out fold 0 with the run's seed, exactly the default hold-out model, so both must agree:
        // pooling changes nothing but the number of folds scored.
        var data = FeaturizedSet.Build(NoisyRows(seed: 5, perLabel: 120), Some.SmallSpec);
        var options = new TrainingOptions { Epochs = 4, Features = Some.SmallSpec, ClassWeightPower = 0f };
        var single = Tuned(data, options, new BiasTuning("macroRecall", 5, Calibrate: true));
        var pooled = Tuned(data, options, new BiasTuning("macroRecall", 5, Calibrate: true, Pooled: true));

        Assert.Multiple(() =>
        {
            Assert.That(pooled.Biases, Is.EqualTo(single.Biases));
            Assert.That(pooled.Metadata.Temperature, Is.EqualTo(single.Metadata.Temperature));
            Assert.That(single.Metadata.Trainer.ContainsKey("pooledBias"), Is.False, "the default leaves the shipped metadata as it was");
            Assert.That(pooled.Metadata.Trainer["pooledBias"], Is.EqualTo(1));
        });
    }

    [Test]
    public void TuneOnHoldout_PooledThreeMembers_TunesOnTheirThreeFolds()
    {
        var data = FeaturizedSet.Build(NoisyRows(seed: 6, perLabel: 120), Some.SmallSpec);
        var options = new TrainingOptions { Epochs = 4, Features = Some.SmallSpec, ClassWeightPower = 0f, SeedAverage = 3 };
        var tuning = new BiasTuning("macroRecall", 5, Calibrate: false, Pooled: true);
        var scores = PooledBiasTuning.ScoreMemberHoldouts(data, data.Count, SentimentMetadata, options, tuning.Folds);
        var expected = BiasTuner.Tune(scores, SentimentMetadata.Labels, LinearModel.BiasLanguages.Length * 3, BiasTuner.Metric("macroRecall"));

        var model = Trainer.Train(data, CopyOf(SentimentMetadata), options);
        var before = (float[])model.Biases.Clone();
        BiasTuner.TuneOnHoldout(model, data, data.Count, options, tuning);

        Assert.Multiple(() =>
        {
            // Three disjoint folds of a fifth each: 60% of the main rows, each row once.
            Assert.That(scores.Count, Is.EqualTo(data.Count * 3 / 5).Within(3));
            Assert.That(model.Biases.Select((b, k) => b - before[k]), Is.EqualTo(expected).Within(1e-6f));
        });
    }

    [Test]
    public void TuneOnHoldout_PooledWithFewerFoldsThanMembers_IsRefused()
    {
        var data = FeaturizedSet.Build(NoisyRows(seed: 7), Some.SmallSpec);
        var options = new TrainingOptions { Epochs = 1, Features = Some.SmallSpec, SeedAverage = 3 };
        var model = Trainer.Train(data, CopyOf(SentimentMetadata), options with { SeedAverage = 1 });
        var tuning = new BiasTuning("macroRecall", 2, Calibrate: false, Pooled: true);

        Assert.That(PooledBiasTuning.Problem(options, tuning), Does.Contain("--tune-folds"));
        Assert.Throws<ArgumentException>(() => BiasTuner.TuneOnHoldout(model, data, data.Count, options, tuning));
    }

    [Test]
    public void ScoreMemberHoldouts_Cancelled_Throws()
    {
        var data = FeaturizedSet.Build(NoisyRows(seed: 8), Some.SmallSpec);
        var options = new TrainingOptions { Epochs = 1, Features = Some.SmallSpec, SeedAverage = 2 };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => PooledBiasTuning.ScoreMemberHoldouts(data, data.Count, SentimentMetadata, options, 5, cancelled.Token));
    }

    private static LinearModel Tuned(FeaturizedSet data, TrainingOptions options, BiasTuning tuning)
    {
        var model = Trainer.Train(data, CopyOf(SentimentMetadata), options);
        BiasTuner.TuneOnHoldout(model, data, data.Count, options, tuning);
        return model;
    }

    private static ModelMetadata CopyOf(ModelMetadata metadata) => new() { Task = metadata.Task, Labels = metadata.Labels };

    /// <summary>Trained on three times as many neutral rows without class balance, so it leans to neutral on balanced rows.</summary>
    private static LinearModel NeutralLeaningModel()
    {
        var rows = NoisyRows(seed: 3, perLabel: 80);
        rows.AddRange(rows.Where(r => r.Label == 1).ToList());
        rows.AddRange(rows.Where(r => r.Label == 1).Take(80).ToList());
        var options = new TrainingOptions { Epochs = 3, Features = Some.SmallSpec, ClassWeightPower = 0f };
        return Trainer.Train(FeaturizedSet.Build(rows, Some.SmallSpec), CopyOf(SentimentMetadata), options);
    }

    /// <summary>Synthetic sentiment rows with a quarter of the labels redrawn, so no offset is perfect on every hold-out.</summary>
    private static List<LabeledText> NoisyRows(int seed, int perLabel = 60)
    {
        var random = new Random(seed);
        return Some.SentimentRows(perLabel, seed).Select(r => random.Next(4) == 0 ? r with { Label = random.Next(3) } : r).ToList();
    }
}
