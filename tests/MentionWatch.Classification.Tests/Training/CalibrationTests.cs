using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class CalibrationTests
{
    [Test]
    public void FitTemperature_NoisyLabels_LowersHoldoutLogLoss()
    {
        // A fifth of the labels are shuffled, so a model trained to fit them is over-confident.
        var random = new Random(4);
        var rows = Some.SentimentRows(80).Select(r => random.Next(5) == 0 ? r with { Label = random.Next(3) } : r).ToList();
        var train = FeaturizedSet.Build(rows.Take(180).ToList(), Some.SmallSpec);
        var holdout = FeaturizedSet.Build(rows.Skip(180).ToList(), Some.SmallSpec);
        var model = Trainer.Train(train, new ModelMetadata { Task = Tasks.Sentiment, Labels = Tasks.LabelsOf(Tasks.Sentiment) },
            new TrainingOptions { Epochs = 20, LearningRate = 0.5f, Features = Some.SmallSpec });
        float t = Calibration.FitTemperature(model, holdout);
        Assert.That(t, Is.GreaterThan(1f));
        Assert.That(LogLoss(model, holdout, t), Is.LessThan(LogLoss(model, holdout, 1f)));
    }

    private static double LogLoss(LinearModel model, FeaturizedSet data, float temperature)
    {
        Span<float> logits = stackalloc float[3], p = stackalloc float[3];
        double loss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            model.Logits(data.Features(i), data.BiasRows[i], logits);
            LinearModel.Probabilities(logits, 3, temperature, p);
            loss -= Math.Log(Math.Max(p[data.Labels[i]], 1e-7f));
        }
        return loss / data.Count;
    }
}
